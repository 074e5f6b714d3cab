import "server-only";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { AppError } from "../errors";
import { getStorage } from "../history/storage";
import { processSingleton } from "../process-singleton";
import type { GenerationStore } from "../store/types";
import { parseAccessConfig, type AccessConfig } from "./config";
import { sessionRevoked } from "./revocations";
import { passwordMatches, readCookie, readSessionToken, SESSION_COOKIE, sessionKey } from "./session-token";

type Access = { readonly config: AccessConfig; readonly key: Buffer | null };

/**
 * A random secret kept with the history's records, so sessions survive restarts without any set-up and every
 * instance on one database signs with the same one. A secret an older version kept in DATA_DIR is carried
 * over, so its sessions stay valid.
 */
const storedSecret = async ({ store, dataDir }: { store: GenerationStore; dataDir: string }): Promise<string> => {
  const earlier = (await readFile(join(/*turbopackIgnore: true*/ dataDir, "session-secret"), "utf8").catch(() => "")).trim();
  return store.settingOnce("session_secret", earlier.length >= 32 ? earlier : randomBytes(32).toString("base64url"));
};

export const getAccess: () => Promise<Access> = processSingleton("access", async () => {
  const config = parseAccessConfig(process.env);
  if (!config.password) return { config, key: null };
  const secret = config.sessionSecret ?? (await storedSecret(await getStorage()));
  return { config, key: sessionKey(secret, config.password) };
});

/** Whether this cookie header carries a valid session that was not signed out; always true without a gate. */
export const sessionFromCookies = async (cookieHeader: string | null): Promise<{ gated: boolean; sessionId: string | null }> => {
  const { key } = await getAccess();
  if (!key) return { gated: false, sessionId: null };
  const session = readSessionToken(key, readCookie(cookieHeader, SESSION_COOKIE));
  if (!session || (await (await getStorage()).store.isSessionRevoked(session.id))) return { gated: true, sessionId: null };
  return { gated: true, sessionId: session.id };
};

/** Signing out recalls the token itself, not only the browser's copy of the cookie. */
export const revokeSession = async (cookieHeader: string | null): Promise<void> => {
  const { key } = await getAccess();
  const session = key && readSessionToken(key, readCookie(cookieHeader, SESSION_COOKIE));
  if (!session) return;
  await (await getStorage()).store.revokeSession(session.id, session.expiresAt, Date.now());
  sessionRevoked(session.id);
};

/**
 * The gate, checked inside every route handler (the proxy's redirect is a convenience, not the lock: it
 * has been bypassed before). Answers the session id, or null when there is no gate.
 */
export const requireAccess = async (request: Request): Promise<string | null> => {
  const { gated, sessionId } = await sessionFromCookies(request.headers.get("cookie"));
  if (gated && !sessionId) throw new AppError("unauthorized", "Sign in to use the playground.");
  return sessionId;
};

export const checkPassword = async (given: string): Promise<boolean> => {
  const { config } = await getAccess();
  return config.password !== null && passwordMatches(given, config.password);
};

/**
 * Cross-site requests must not change anything: a browser says where a request comes from (Sec-Fetch-Site,
 * or Origin), and only this site itself may post, patch or delete. Clients that send neither are not
 * browsers, so no other site can be riding on a user's cookie.
 */
export const checkSameOrigin = (request: Request): void => {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) {
    if (site === "same-origin") return;
    throw new AppError("forbidden", "This request came from another site and was refused.");
  }
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const host = request.headers.get("host");
  if (!URL.canParse(origin) || new URL(origin).host !== host) {
    throw new AppError("forbidden", "This request came from another site and was refused.");
  }
};
