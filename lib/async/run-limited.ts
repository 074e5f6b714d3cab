/**
 * `work` on every item, at most `limit` at once, the results in the items' order: for work that each holds
 * something large while it runs (a decoded picture) or that a far end should not get all at once.
 */
export const runLimited = async <T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};
