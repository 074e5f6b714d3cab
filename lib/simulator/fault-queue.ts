import { faultSpecSchema, type Fault, type FaultKind, type FaultSpec } from "./faults";

/** Background faults for load tests: every `every`-th call (when nothing is queued) fails, kinds in turn. */
export type PeriodicFaults = { readonly every: number; readonly kinds: readonly FaultKind[]; readonly retryAfterSeconds?: number };

export type FaultQueue = {
  /** Throws a ZodError on a malformed spec, so a typo in a test fails loudly instead of injecting nothing. */
  add(spec: FaultSpec): void;
  /** The fault for the next call for `model`, if any; specs are used up in the order they were added. */
  take(model: string | undefined): Fault | undefined;
  clear(): void;
  periodic(faults: PeriodicFaults | null): void;
};

export const createFaultQueue = (): FaultQueue => {
  const queue: Array<{ fault: Fault; model: string | undefined; remaining: number }> = [];
  let background: PeriodicFaults | null = null;
  let calls = 0;
  let turn = 0;
  const periodicTake = (): Fault | undefined => {
    calls += 1;
    if (!background || calls % background.every !== 0) return undefined;
    const kind = background.kinds[turn++ % background.kinds.length];
    return kind ? { kind, retryAfterSeconds: background.retryAfterSeconds } : undefined;
  };
  return {
    add: (spec) => {
      const { kind, retryAfterSeconds, times, model, upstream } = faultSpecSchema.parse(spec);
      queue.push({ fault: { kind, retryAfterSeconds, upstream }, model, remaining: times });
    },
    take: (model) => {
      const index = queue.findIndex((entry) => entry.model === undefined || entry.model === model);
      const entry = queue[index];
      if (!entry) return periodicTake();
      entry.remaining -= 1;
      if (entry.remaining === 0) queue.splice(index, 1);
      return entry.fault;
    },
    clear: () => {
      queue.length = 0;
      background = null;
      calls = 0;
      turn = 0;
    },
    periodic: (faults) => {
      background = faults;
      calls = 0;
      turn = 0;
    },
  };
};
