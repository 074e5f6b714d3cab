/**
 * A download the browser hands to its own download bar cannot show the page why it was refused (the rate
 * limit, a set deleted since): it ends as a failed file. So the page asks first, at the same address with
 * `?check`: the route does everything it would before its first byte (the gate, the limit, the reading of
 * what is asked for) and answers 204 or the error it would have sent. A check takes no turn of the limit.
 */
const CHECK_PARAM = "check";

export const checkAddress = (href: string): string => `${href}${href.includes("?") ? "&" : "?"}${CHECK_PARAM}=1`;

/**
 * A HEAD is answered as a check: it wants no body, so the file is neither made nor counted (Next answers a
 * HEAD with the route's GET, whose body it drops).
 */
export const isDownloadCheck = (request: Request): boolean => request.method === "HEAD" || new URL(request.url).searchParams.has(CHECK_PARAM);

export const downloadChecked = (): Response => new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
