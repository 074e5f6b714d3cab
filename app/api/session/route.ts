import { z } from "zod";
import { checkPassword, getAccess, revokeSession } from "@/lib/access/gate";
import { issueSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from "@/lib/access/session-token";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/generation/parse-request";
import { readJsonBody } from "@/lib/http/read-json-body";
import { handleRoute } from "@/lib/http/route";
import { servedOverHttps } from "@/lib/http/served-over-https";
import { getSignInLimit } from "@/lib/limits";
import { addressKey } from "@/lib/limits/rate-limit";
import { strictFields } from "@/lib/models/request-schema";

export const dynamic = "force-dynamic";

const signInSchema = z.strictObject(
  { password: z.string({ error: "Send the password as text, in the field password." }).max(1000, "A password is at most 1000 characters.") },
  strictFields,
);

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
      // A body that holds no password is said as such, and tries no password: it takes no turn of the limit.
      const { password } = parseWith(signInSchema, await readJsonBody(request, 2048));
      await (await getSignInLimit())(addressKey(request));
      if (!(await checkPassword(password))) throw new AppError("unauthorized", "That password is not right.");
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
