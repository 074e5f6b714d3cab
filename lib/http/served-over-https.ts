/**
 * Whether the person reached this request over https: the request's own address, or what the proxy that ended
 * TLS in front of the instance says (`X-Forwarded-Proto`, its first entry where several proxies each added
 * one). A cookie set without `Secure` behind such a proxy would go out again over any plain-http request to
 * the host.
 */
export const servedOverHttps = (request: Request): boolean =>
  new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
