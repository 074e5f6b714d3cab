import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "./lib/access/csp";
import { signInPath } from "./lib/access/next-path";
import { SESSION_COOKIE } from "./lib/access/session-token";

/**
 * Per-request CSP nonce for pages, and a quick redirect to the sign-in page when a gate is set and no
 * session cookie came at all. This is a convenience, not the lock: the page and every route handler
 * verify the session themselves.
 */
export function proxy(request: NextRequest) {
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
