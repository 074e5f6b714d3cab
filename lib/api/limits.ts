import { queryOptions, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { apiFetch } from "./client";
import { reconcileUsage } from "./live-cache";

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

/**
 * Whether work waits because calls that ended while the gateway may still be at work on them (a cancel after
 * the request went out, a timeout) hold places under the cap: they keep them up to 2 minutes, with no word
 * from anything running.
 */
export const heldByLingering = ({ running, lingering, maxConcurrent }: Pick<Usage, "running" | "lingering" | "maxConcurrent">): boolean =>
  lingering > 0 && running + lingering >= maxConcurrent;

const DAY_MS = 86_400_000;
/** Past midnight by this much, so a browser clock a little ahead of the server's does not ask for the old day. */
const MIDNIGHT_MARGIN_MS = 30_000;

/** How long from `now` until just after the next UTC midnight, when the server's "today" turns over. */
export const untilNextUtcDay = (now: number): number => DAY_MS - (now % DAY_MS) + MIDNIGHT_MARGIN_MS;

/**
 * Today's usage: pushed by the live stream with every change, and asked again once the UTC day turns over
 * (nothing changes then, so the stream is silent); asked every 15 s without it.
 */
export const usageQuery = (live: boolean) =>
  queryOptions({
    queryKey: ["usage"],
    queryFn: async ({ signal, client }) => {
      const { changeId, ...usage } = await apiFetch<Usage & { readonly changeId: number }>("/api/limits", { signal });
      return reconcileUsage(client, usage, changeId);
    },
    // Not asked again on mount: the page's server render brought it, and what changes it later (the stream,
    // the stream's first hello, a run's end, the interval) sets it or asks for it.
    staleTime: Number.POSITIVE_INFINITY,
    // A function, so it is worked out again after each update rather than once per render.
    refetchInterval: live ? () => untilNextUtcDay(Date.now()) : 15_000,
    // A hidden tab too: coming back to it asks nothing (it is never stale), and it would show yesterday's count.
    refetchIntervalInBackground: live,
  });

/**
 * Without the live stream: when a run ends (its images billed, or not), today's count and cost are asked
 * again, not a minute later. With it, the stream brings them.
 */
export const useUsageAfter = (running: boolean, live: boolean) => {
  const client = useQueryClient();
  const was = useRef(running);
  useEffect(() => {
    if (was.current && !running && !live) void client.invalidateQueries({ queryKey: ["usage"] });
    was.current = running;
  }, [running, live, client]);
};
