/**
 * Waits that end early when the client disconnects, resolving (never rejecting) with how they ended, so the
 * caller counts the abort once instead of threading an AbortError through every await.
 */

type WaitOutcome = "elapsed" | "aborted";

export const sleep = (ms: number, signal: AbortSignal): Promise<WaitOutcome> => {
  if (signal.aborted) return Promise.resolve("aborted");
  if (ms <= 0) return Promise.resolve("elapsed");
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve("aborted");
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve("elapsed");
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
};

export const untilAborted = (signal: AbortSignal): Promise<"aborted"> =>
  signal.aborted
    ? Promise.resolve("aborted")
    : new Promise((resolve) => signal.addEventListener("abort", () => resolve("aborted"), { once: true }));
