import { queryOptions, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { apiFetch } from "./client";

export type Usage = {
  readonly imagesToday: number;
  readonly dailyImageLimit: number | null;
  readonly running: number;
  /** Calls that ended while the gateway may still be working on them; they count against the cap a while longer. */
  readonly lingering: number;
  readonly maxConcurrent: number;
  /** What today's images cost, by the configured prices (an estimate), in `currency`. */
  readonly costToday: number;
  readonly currency: string;
  readonly ratePerMinute: number;
  readonly gated: boolean;
};

export const usageQuery = queryOptions({
  queryKey: ["usage"],
  queryFn: ({ signal }) => apiFetch<Usage>("/api/limits", { signal }),
  refetchInterval: 15_000,
});

/** When a run ends (its images billed, or not), today's count and cost are asked again, not a minute later. */
export const useUsageAfter = (running: boolean) => {
  const client = useQueryClient();
  const was = useRef(running);
  useEffect(() => {
    if (was.current && !running) void client.invalidateQueries({ queryKey: usageQuery.queryKey });
    was.current = running;
  }, [running, client]);
};
