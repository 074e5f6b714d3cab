import "server-only";
import { hostRefused, isAllowedHost } from "../access/allowed-host";
import { checkSameOrigin, getAccess, requireAccess } from "../access/gate";
import { processStop } from "../process-stop";
import { respond } from "./responses";

/**
 * An answer given while the server stops closes its connection: kept alive, it would hold Next's close of the
 * listener until its keep-alive runs out, and bring the browser's next request back to this instance.
 */
export const closingWhileStopping = (response: Response): Response => {
  if (!processStop().signal.aborted) return response;
  const closing = new Response(response.body, response);
  closing.headers.set("connection", "close");
  return closing;
};

/**
 * Every API route runs through here, so none can forget the gate: every request must reach the server by a
 * name it answers to (loopback or PLAYGROUND_ORIGINS), the session is checked (unless the route is the
 * sign-in itself), anything but a read must come from this site, and whatever is thrown becomes the app's
 * error response.
 */
export const handleRoute = (
  request: Request,
  work: (sessionId: string | null) => Promise<Response>,
  options: { public?: boolean } = {},
): Promise<Response> =>
  respond(async () => {
    // Reads too: without a gate, a page under another name rebound to this server could read the history.
    const host = request.headers.get("host") ?? new URL(request.url).host;
    if (!isAllowedHost(host, (await getAccess()).config.origins)) throw hostRefused(host);
    const changes = request.method !== "GET" && request.method !== "HEAD";
    const sessionId = options.public ? null : await requireAccess(request);
    if (changes) checkSameOrigin(request);
    return work(sessionId);
  }).then(closingWhileStopping);
