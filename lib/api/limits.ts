import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "./client";

export type Usage = {
  readonly imagesToday: number;
  readonly dailyImageLimit: number | null;
  readonly running: number;
  /** Calls that ended while the gateway may still be working on them; they count against the cap a while longer. */
  readonly lingering: number;
  readonly maxConcurrent: number;
  readonly ratePerMinute: number;
  readonly gated: boolean;
};

export const usageQuery = queryOptions({
  queryKey: ["usage"],
  queryFn: ({ signal }) => apiFetch<Usage>("/api/limits", { signal }),
  refetchInterval: 15_000,
});
