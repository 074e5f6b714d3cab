import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY, decideRetry, describeFailure, type AttemptFailure } from "./retry-policy";

const policy = DEFAULT_RETRY_POLICY;
const PLENTY = 60_000;
const middle = () => 0.5;
const status = (code: number, retryAfterSeconds?: number): AttemptFailure => ({ kind: "status", status: code, retryAfterSeconds });
const refused: AttemptFailure = { kind: "no_response", code: "ECONNREFUSED" };

describe("which failures are retried", () => {
  it.each([
    ["503", status(503)],
    ["503 with a Retry-After shorter than the backoff", status(503, 0)],
    ["a refused connection", refused],
    ["a reset before any answer", { kind: "no_response", code: "ECONNRESET" } as const],
  ])("%s: after 250 ms, then 1 000 ms", (_, failure) => {
    expect(decideRetry(1, failure, policy, PLENTY, middle)).toEqual({ retry: true, waitMs: 250 });
    expect(decideRetry(2, failure, policy, PLENTY, middle)).toEqual({ retry: true, waitMs: 1_000 });
    expect(decideRetry(3, failure, policy, PLENTY, middle)).toEqual({ retry: false });
  });

  it("503 with Retry-After: at least that long, and not at all past the cap", () => {
    expect(decideRetry(1, status(503, 7), policy, PLENTY, middle)).toEqual({ retry: true, waitMs: 7_000 });
    expect(decideRetry(2, status(503, 1), policy, PLENTY, middle)).toEqual({ retry: true, waitMs: 1_000 });
    expect(decideRetry(2, status(503, 2), policy, PLENTY, middle)).toEqual({ retry: true, waitMs: 2_000 });
    expect(decideRetry(1, status(503, 11), policy, PLENTY, middle)).toEqual({ retry: false });
    expect(decideRetry(1, status(503, 7), policy, 5_000, middle)).toEqual({ retry: false });
  });

  it("429 with Retry-After: exactly that long, up to the cap", () => {
    expect(decideRetry(1, status(429, 1), policy, PLENTY)).toEqual({ retry: true, waitMs: 1_000 });
    expect(decideRetry(2, status(429, 0), policy, PLENTY)).toEqual({ retry: true, waitMs: 0 });
    expect(decideRetry(1, status(429, 10), policy, PLENTY)).toEqual({ retry: true, waitMs: 10_000 });
    expect(decideRetry(1, status(429, 11), policy, PLENTY)).toEqual({ retry: false });
    expect(decideRetry(1, status(429, 60), { ...policy, maxRetryWaitMs: 60_000 }, PLENTY + 1)).toEqual({ retry: true, waitMs: 60_000 });
  });

  it.each([
    ["429 without Retry-After", status(429)],
    ["400", status(400)],
    ["401", status(401)],
    ["403", status(403)],
    ["404", status(404)],
    ["408", status(408)],
    ["500", status(500)],
    ["502", status(502)],
    ["504", status(504)],
  ])("never %s: the upstream may have done (and billed) the work", (_, failure) => {
    expect(decideRetry(1, failure, policy, PLENTY)).toEqual({ retry: false });
  });
});

describe("limits", () => {
  it("jitters the backoff by at most 20% either way", () => {
    expect(decideRetry(2, refused, policy, PLENTY, () => 0)).toEqual({ retry: true, waitMs: 800 });
    expect(decideRetry(2, refused, policy, PLENTY, () => 0.999_999)).toEqual({ retry: true, waitMs: 1_200 });
  });

  it("repeats the last backoff step and takes the caller's steps", () => {
    expect(decideRetry(2, status(503), { ...policy, backoffMs: [10] }, PLENTY, middle)).toEqual({ retry: true, waitMs: 10 });
    expect(decideRetry(2, status(503), { ...policy, backoffMs: [10, 20] }, PLENTY, middle)).toEqual({ retry: true, waitMs: 20 });
  });

  it("never more than two retries, whatever the policy asks", () => {
    expect(decideRetry(1, status(503), { ...policy, maxRetries: 0 }, PLENTY)).toEqual({ retry: false });
    expect(decideRetry(1, status(503), { ...policy, maxRetries: 1 }, PLENTY).retry).toBe(true);
    expect(decideRetry(2, status(503), { ...policy, maxRetries: 1 }, PLENTY)).toEqual({ retry: false });
    expect(decideRetry(3, status(503), { ...policy, maxRetries: 5 }, PLENTY)).toEqual({ retry: false });
  });

  it("gives up at once when the wait would outlast the whole call", () => {
    expect(decideRetry(1, status(429, 5), policy, 4_000)).toEqual({ retry: false });
    expect(decideRetry(1, status(503), policy, 200, middle)).toEqual({ retry: false });
    expect(decideRetry(1, status(503), policy, 251, middle)).toEqual({ retry: true, waitMs: 250 });
  });

  it("describes the failure for the log", () => {
    expect(describeFailure(status(503))).toBe("HTTP 503");
    expect(describeFailure(refused)).toBe("no response: ECONNREFUSED");
  });
});
