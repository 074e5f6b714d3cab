/** Fewer finished runs than this say too little to call anything typical. */
const MIN_SAMPLES = 3;

export type FinishedRun = { readonly width: number; readonly height: number; readonly ms: number };

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/**
 * How long a run of this size usually takes, from a model's recent finished runs: the median of those of the
 * same size when there are enough, else of all sizes, else nothing (a new deployment has no history to go by).
 */
export const typicalTime = (runs: readonly FinishedRun[], size: { width: number; height: number }): number | null => {
  const same = runs.filter((run) => run.width === size.width && run.height === size.height).map((run) => run.ms);
  if (same.length >= MIN_SAMPLES) return Math.round(median(same));
  return runs.length >= MIN_SAMPLES ? Math.round(median(runs.map((run) => run.ms))) : null;
};
