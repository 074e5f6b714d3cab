import { faultSpecSchema, type Fault, type FaultSpec } from "./faults";

export type FaultQueue = {
  /** Throws a ZodError on a malformed spec, so a typo in a test fails loudly instead of injecting nothing. */
  add(spec: FaultSpec): void;
  /** The fault for the next call, if any; specs are used up in the order they were added. */
  take(): Fault | undefined;
  clear(): void;
};

export const createFaultQueue = (): FaultQueue => {
  const queue: Array<{ fault: Fault; remaining: number }> = [];
  return {
    add: (spec) => {
      const { kind, retryAfterSeconds, times } = faultSpecSchema.parse(spec);
      queue.push({ fault: { kind, retryAfterSeconds }, remaining: times });
    },
    take: () => {
      const head = queue[0];
      if (!head) return undefined;
      head.remaining -= 1;
      if (head.remaining === 0) queue.shift();
      return head.fault;
    },
    clear: () => {
      queue.length = 0;
    },
  };
};
