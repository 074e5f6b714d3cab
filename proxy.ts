import { NextResponse, type NextRequest } from "next/server";
import { hostRefused, isAllowedHost } from "./lib/access/allowed-host";
import { parseAccessConfig } from "./lib/access/config";
import { contentSecurityPolicy } from "./lib/access/csp";
import { signInPath } from "./lib/access/next-path";
import { SESSION_COOKIE } from "./lib/access/session-token";

/** PLAYGROUND_ORIGINS as the start-up checked it (instrumentation-node.ts), read once. */
let allowed: readonly string[] | undefined;
const origins = (): readonly string[] => (allowed ??= parseAccessConfig(process.env).origins);

/**
 * For pages: the names they are answered at, a per-request CSP nonce, and a quick redirect to the sign-in
 * page when a gate is set and no session cookie came at all. The redirect is a convenience, not the lock:
 * the page and every route handler verify the session themselves.
 */
export function proxy(request: NextRequest) {
  // A page under a name rebound to this server would hold the history's data in its HTML: answered only at
  // the names the API answers at (lib/http/route.ts).
  const host = request.headers.get("host");
  if (!isAllowedHost(host, origins())) {
    return new NextResponse(hostRefused(host).message, { status: 403, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  const gated = Boolean(process.env.PLAYGROUND_PASSWORD?.trim());
  // A voting page decides for itself: its poll may be open to anyone with the link.
  const open = request.nextUrl.pathname === "/sign-in" || request.nextUrl.pathname.startsWith("/vote/");
  if (gated && !open && !request.cookies.has(SESSION_COOKIE)) {
    return NextResponse.redirect(new URL(signInPath(`${request.nextUrl.pathname}${request.nextUrl.search}`), request.url));
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: API routes answer JSON or images, and static files are the build's own.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|icon.svg|robots.txt).*)" }],
};
