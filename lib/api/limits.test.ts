import { afterEach, describe, expect, it, vi } from "vitest";
import { heldByLingering, untilNextUtcDay, usageQuery } from "./limits";

const at = (iso: string) => new Date(iso).getTime();

describe("today's usage, counted by UTC day", () => {
  afterEach(() => vi.useRealTimers());

  it("is due again just after the next UTC midnight, a whole day on when it is midnight now", () => {
    const margin = untilNextUtcDay(at("2026-03-01T00:00:00Z")) - 86_400_000;
    expect(margin).toBeGreaterThan(0);
    expect(margin).toBeLessThanOrEqual(60_000);
    expect(untilNextUtcDay(at("2026-02-28T23:59:59.000Z"))).toBe(1_000 + margin);
    expect(untilNextUtcDay(at("2026-03-01T12:00:00Z"))).toBe(12 * 3_600_000 + margin);
  });

  it("is asked again at the next UTC midnight while the stream is live (the stream says nothing then), every 15 s without it", () => {
    vi.useFakeTimers({ now: at("2026-03-01T23:00:00Z") });
    const { refetchInterval } = usageQuery(true);
    if (typeof refetchInterval !== "function") throw new Error(`a fixed interval: ${String(refetchInterval)}`);
    expect(refetchInterval(undefined as never)).toBe(untilNextUtcDay(Date.now()));
    expect(usageQuery(true).refetchIntervalInBackground).toBe(true);
    expect(usageQuery(false).refetchInterval).toBe(15_000);
  });
});

describe("why waiting work does not start", () => {
  it("is the calls stopped after they were sent only while they, with what runs, fill every place", () => {
    expect(heldByLingering({ running: 0, lingering: 2, maxConcurrent: 2 })).toBe(true);
    expect(heldByLingering({ running: 1, lingering: 1, maxConcurrent: 2 })).toBe(true);
    expect(heldByLingering({ running: 2, lingering: 0, maxConcurrent: 2 })).toBe(false);
    expect(heldByLingering({ running: 0, lingering: 1, maxConcurrent: 8 })).toBe(false);
  });
});
