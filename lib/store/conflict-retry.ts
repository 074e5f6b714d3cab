/**
 * PostgreSQL's answers to two transactions in each other's way: a deadlock (each waits on a row the other
 * holds: a delete locking a comparison's columns while a claim takes them one by one) or a serialization
 * failure. It has rolled the chosen one back whole, so running it again is the remedy, not an error to show.
 */
const CONFLICTS = new Set(["40P01", "40001"]);

export const isConflict = (error: unknown): boolean => {
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
  return typeof code === "string" && CONFLICTS.has(code);
};

const ATTEMPTS = 4;

/** Runs a transaction again when PostgreSQL rolled it back for a conflict, a few times, each after a short random wait. */
export const retryConflicts = async <T>(run: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isConflict(error)) throw error;
      // Apart, so the two do not meet again in the same step.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
};
