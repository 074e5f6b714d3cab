/**
 * Waits for both, whatever becomes of either, then fails with the first failure: a clean-up after it must not
 * race a write still under way.
 */
export const settleBoth = async (first: Promise<unknown>, second: Promise<unknown>): Promise<void> => {
  const failed = (await Promise.allSettled([first, second])).find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
};
