/** What the simulator saw, for tests of the app to assert on what actually crossed the wire. */

/** The last valid generation or edit request as received: null where the client left a field out. */
export type LastRequest = {
  readonly style: "native" | "flat";
  readonly model: string;
  readonly prompt: string;
  readonly size: string | null;
  readonly n: number | null;
  readonly seed: number | null;
  readonly prompt_extend: boolean | null;
  readonly watermark: boolean | null;
  readonly negative_prompt: string | null;
  /** Only whether a bearer came: the key itself is never kept, not even here. */
  readonly authorization: "present";
  /** Edits only: what the input image was, e.g. "data:image/png (123456 bytes, 800*600)"; never its data. */
  readonly image?: string;
};

export type SimulatorStats = {
  /** Every POST to an image route (generations or edits), faulted ones included. */
  readonly calls: number;
  /** Answered 200 with images. */
  readonly succeeded: number;
  /** Answered with a 4xx or 5xx, injected faults included. */
  readonly rejected: number;
  /** The client went away before the answer was complete (latency wait, hang, oversized stream). */
  readonly aborted: number;
  /** Calls that were answered by an injected fault, whatever its status. */
  readonly faulted: number;
  /** Queries of a task's status, and cancels of a task. */
  readonly taskQueries: number;
  readonly taskCancels: number;
  /** Calls that named a known model, counted even when a later parameter was refused. */
  readonly byModel: Readonly<Record<string, number>>;
  readonly lastRequest: LastRequest | null;
};

type Counter = "calls" | "succeeded" | "rejected" | "aborted" | "faulted" | "taskQueries" | "taskCancels";

export type StatsRecorder = {
  count(counter: Counter): void;
  countModel(modelId: string): void;
  setLastRequest(request: LastRequest): void;
  snapshot(): SimulatorStats;
  reset(): void;
};

const emptyStats = () => ({
  calls: 0,
  succeeded: 0,
  rejected: 0,
  aborted: 0,
  faulted: 0,
  taskQueries: 0,
  taskCancels: 0,
  byModel: {} as Record<string, number>,
  lastRequest: null as LastRequest | null,
});

export const createStatsRecorder = (): StatsRecorder => {
  let stats = emptyStats();
  return {
    count: (counter) => {
      stats[counter] += 1;
    },
    countModel: (modelId) => {
      stats.byModel[modelId] = (stats.byModel[modelId] ?? 0) + 1;
    },
    setLastRequest: (request) => {
      stats.lastRequest = request;
    },
    snapshot: () => ({ ...stats, byModel: { ...stats.byModel } }),
    reset: () => {
      stats = emptyStats();
    },
  };
};
