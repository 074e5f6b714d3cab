import { setTimeout as sleep } from "node:timers/promises";

/**
 * Runs `run`, and runs it again after each of `waitsMs` for as long as it fails in a way `passing` takes for a
 * passing fault (told to `onRetry` before the wait). Any other failure, or the last try's, is thrown.
 */
export const tryAgainAfter = async <T>(
  run: () => Promise<T>,
  waitsMs: readonly number[],
  passing: (error: unknown) => boolean,
  onRetry: (error: unknown, attempt: number, waitMs: number) => void,
): Promise<T> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const wait = waitsMs[attempt];
      if (wait === undefined || !passing(error)) throw error;
      onRetry(error, attempt + 1, wait);
      await sleep(wait);
    }
  }
};
