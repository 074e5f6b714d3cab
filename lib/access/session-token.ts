import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Session cookies without a session table: `<expiry>.<id>.<signature>`, where the signature is an HMAC of
 * the rest under a key derived from the server secret and the password (so changing the password signs
 * everyone out). Comparisons are constant-time.
 */

export const SESSION_COOKIE = "playground_session";
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const sessionKey = (secret: string, password: string): Buffer =>
  createHmac("sha256", secret).update(`playground-session\u0000${password}`).digest();

const sign = (key: Buffer, payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

export const issueSessionToken = (key: Buffer, now: number = Date.now()): string => {
  const payload = `${now + SESSION_TTL_MS}.${randomBytes(12).toString("base64url")}`;
  return `${payload}.${sign(key, payload)}`;
};

/** The session's id and expiry when the token is genuine and unexpired; null for anything else. */
export const readSessionToken = (key: Buffer, token: string | undefined | null, now: number = Date.now()): { id: string; expiresAt: number } | null => {
  if (!token || token.length > 200) return null;
  const match = /^(\d{1,15})\.([\w-]{8,32})\.([\w-]{43})$/.exec(token);
  if (!match) return null;
  const [, expiry, id, signature] = match;
  const expected = Buffer.from(sign(key, `${expiry}.${id}`));
  const given = Buffer.from(signature ?? "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Number(expiry) > now && id ? { id, expiresAt: Number(expiry) } : null;
};

export const verifySessionToken = (key: Buffer, token: string | undefined | null, now: number = Date.now()): string | null =>
  readSessionToken(key, token, now)?.id ?? null;

/** Hashing both sides first makes the comparison constant-time whatever the lengths. */
export const passwordMatches = (given: string, expected: string): boolean => {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
};

export const readCookie = (header: string | null, name: string): string | null => {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return null;
};
