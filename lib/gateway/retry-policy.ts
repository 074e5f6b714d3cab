/**
 * Whether a failed generation attempt may be tried again, and after how long. Generation is a paid,
 * non-idempotent POST: a retry is only safe where the upstream clearly did no work (it throttled us and said
 * when to come back, it was unavailable, or the connection died before any answer). Everything else, a 500
 * or a timeout included, may already have produced billed images, so it is never repeated.
 */

/** The upstream reference allows at most two retries, whatever a caller asks for. */
export const MAX_RETRIES = 2;

export type RetryPolicy = {
  readonly maxRetries: number;
  /** A Retry-After beyond this is passed on to the user instead of holding their request that long. */
  readonly maxRetryWaitMs: number;
  /** The wait before the first, second, ... retry of a 503 or a lost connection; the last one repeats. */
  readonly backoffMs: readonly number[];
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: MAX_RETRIES, maxRetryWaitMs: 10_000, backoffMs: [250, 1_000] };

export type AttemptFailure =
  | { readonly kind: "status"; readonly status: number; readonly retryAfterSeconds: number | undefined }
  /** The connection was refused or dropped before any response; `code` is the socket error's. */
  | { readonly kind: "no_response"; readonly code: string };

export type RetryDecision = { readonly retry: false } | { readonly retry: true; readonly waitMs: number };

const JITTER = 0.2;

/** Spread so that many clients failing together do not all come back in the same instant. */
const backoff = (attempt: number, backoffMs: readonly number[], random: () => number): number => {
  const base = backoffMs[Math.min(attempt, backoffMs.length) - 1] ?? 0;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
};

const waitBefore = (attempt: number, failure: AttemptFailure, policy: RetryPolicy, random: () => number): number | undefined => {
  if (failure.kind === "no_response") return backoff(attempt, policy.backoffMs, random);
  // An unavailable service that says when it will be back is not asked sooner: that spends a retry for nothing.
  if (failure.status === 503) return Math.max(backoff(attempt, policy.backoffMs, random), (failure.retryAfterSeconds ?? 0) * 1000);
  if (failure.status === 429 && failure.retryAfterSeconds !== undefined) return failure.retryAfterSeconds * 1000;
  return undefined;
};

/**
 * `attempt` is the number (from 1) of the attempt that just failed; `remainingMs` what is left of the whole
 * call's time, since a wait that would outlast it only turns the real error into a timeout.
 */
export const decideRetry = (
  attempt: number,
  failure: AttemptFailure,
  policy: RetryPolicy,
  remainingMs: number,
  random: () => number = Math.random,
): RetryDecision => {
  if (attempt > Math.min(policy.maxRetries, MAX_RETRIES)) return { retry: false };
  const waitMs = waitBefore(attempt, failure, policy, random);
  if (waitMs === undefined || waitMs > policy.maxRetryWaitMs || waitMs >= remainingMs) return { retry: false };
  return { retry: true, waitMs };
};

/** For the log line that announces a retry. */
export const describeFailure = (failure: AttemptFailure): string =>
  failure.kind === "status" ? `HTTP ${failure.status}` : `no response: ${failure.code}`;
