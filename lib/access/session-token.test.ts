import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { issueSessionToken, passwordMatches, readCookie, SESSION_TTL_MS, sessionKey, verifySessionToken } from "./session-token";

const key = sessionKey("a-server-secret-that-is-long-enough-000", "correct-horse");

describe("session tokens", () => {
  it("verifies a token it issued, until it expires", () => {
    const now = 1_700_000_000_000;
    const token = issueSessionToken(key, now);
    expect(verifySessionToken(key, token, now)).toMatch(/^[\w-]{16}$/);
    expect(verifySessionToken(key, token, now + SESSION_TTL_MS - 1)).not.toBeNull();
    expect(verifySessionToken(key, token, now + SESSION_TTL_MS)).toBeNull();
  });

  it("refuses a token signed under another password or secret", () => {
    const token = issueSessionToken(key);
    expect(verifySessionToken(sessionKey("a-server-secret-that-is-long-enough-000", "other-password"), token)).toBeNull();
    expect(verifySessionToken(sessionKey("another-secret-that-is-long-enough-0000", "correct-horse"), token)).toBeNull();
  });

  it("refuses a token whose expiry or id was changed", () => {
    const token = issueSessionToken(key);
    const [expiry, id, signature] = token.split(".");
    expect(verifySessionToken(key, `${Number(expiry) + 1000}.${id}.${signature}`)).toBeNull();
    expect(verifySessionToken(key, `${expiry}.${id}x.${signature}`)).toBeNull();
  });

  it("refuses anything forged, whatever its shape (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (forged) => {
        expect(verifySessionToken(key, forged)).toBeNull();
      }),
    );
    expect(verifySessionToken(key, null)).toBeNull();
    expect(verifySessionToken(key, "")).toBeNull();
  });
});

describe("password and cookies", () => {
  it("compares passwords exactly", () => {
    expect(passwordMatches("correct-horse", "correct-horse")).toBe(true);
    expect(passwordMatches("correct-hors", "correct-horse")).toBe(false);
    expect(passwordMatches("", "correct-horse")).toBe(false);
  });

  it("reads one cookie out of a header", () => {
    expect(readCookie("a=1; playground_session=x.y.z; b=2", "playground_session")).toBe("x.y.z");
    expect(readCookie("a=1", "playground_session")).toBeNull();
    expect(readCookie(null, "playground_session")).toBeNull();
  });
});
