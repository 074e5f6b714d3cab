import { z } from "zod";
import { checkPassword, getAccess, revokeSession } from "@/lib/access/gate";
import { issueSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from "@/lib/access/session-token";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { handleRoute } from "@/lib/http/route";
import { servedOverHttps } from "@/lib/http/served-over-https";
import { getSignInLimit } from "@/lib/limits";
import { addressKey } from "@/lib/limits/rate-limit";

export const dynamic = "force-dynamic";

const signInSchema = z.strictObject({ password: z.string().max(1000) });

const cookie = (request: Request, value: string, maxAgeSeconds: number) =>
  [
    `${SESSION_COOKIE}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
    ...(servedOverHttps(request) ? ["Secure"] : []),
  ].join("; ");

/** Signs in with the playground password: sets a signed, HttpOnly session cookie. */
export function POST(request: Request): Promise<Response> {
  return handleRoute(
    request,
    async () => {
      const { key } = await getAccess();
      if (!key) throw new AppError("not_found", "This playground has no password: there is nothing to sign in to.");
      await (await getSignInLimit())(addressKey(request));
      const body = signInSchema.safeParse(await readJsonBody(request, 2048));
      if (!body.success || !(await checkPassword(body.data.password))) {
        throw new AppError("unauthorized", "That password is not right.");
      }
      return new Response(null, {
        status: 204,
        headers: { "set-cookie": cookie(request, issueSessionToken(key), SESSION_TTL_MS / 1000), "cache-control": "no-store" },
      });
    },
    { public: true },
  );
}

/** Signs out: the token is recalled on the server and the cookie dropped. */
export function DELETE(request: Request): Promise<Response> {
  return handleRoute(
    request,
    async () => {
      await revokeSession(request.headers.get("cookie"));
      return new Response(null, { status: 204, headers: { "set-cookie": cookie(request, "", 0), "cache-control": "no-store" } });
    },
    { public: true },
  );
}
