import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../errors";
import { arrivalDeadline, arrivalRefusal, watchArrival } from "./upload-arrival";

afterEach(() => {
  vi.useRealTimers();
});

/**
 * Whether a body arriving as `chunks` (bytes, at ms after its start) is all here before any deadline passes:
 * each chunk must come before the deadline set by those before it.
 */
const passes = (chunks: ReadonlyArray<readonly [bytes: number, at: number]>): boolean => {
  let received = 0;
  let lastAt = 0;
  for (const [bytes, at] of chunks) {
    if (at > arrivalDeadline(received, lastAt).at) return false;
    received += bytes;
    lastAt = at;
  }
  return true;
};

/** `total` bytes in 64 KB chunks at `bytesPerSecond`, from `from` ms on. */
const steady = (total: number, bytesPerSecond: number, from = 0): Array<[number, number]> =>
  Array.from({ length: Math.ceil(total / 65_536) }, (_, index) => [65_536, from + Math.round((((index + 1) * 65_536) / bytesPerSecond) * 1000)]);

describe("the pace an upload must keep", () => {
  it("drops a body that stalls after its first bytes at the end of the grace, not after two minutes", () => {
    expect(arrivalDeadline(100, 50)).toEqual({ at: 10_000, shortfall: "slow" });
  });

  it("drops a body that has sent nothing at all at the end of the grace, saying nothing arrived", () => {
    expect(arrivalDeadline(0, 0)).toEqual({ at: 10_000, shortfall: "nothing" });
    expect(arrivalRefusal("nothing").message).toBe(
      "Nothing of the image arrived in its first 10 seconds, so the upload was stopped to free its place for others. Check the connection, then try again.",
    );
  });

  it("drops a body that sent a burst and then nothing once it has been silent for 15 s", () => {
    expect(arrivalDeadline(2_000_000, 3_000)).toEqual({ at: 18_000, shortfall: "silent" });
  });

  it("drops a body trickling under 16 KB a second once its average falls under it", () => {
    expect(arrivalDeadline(320 * 1024, 19_000)).toEqual({ at: 20_000, shortfall: "slow" });
    expect(passes(steady(2_000_000, 12 * 1024))).toBe(false);
  });

  it("keeps the two minutes for the whole body, however steadily it comes", () => {
    expect(arrivalDeadline(9_000_000, 110_000)).toEqual({ at: 120_000, shortfall: "total" });
  });

  it("lets a 10 MB photo from a phone on a poor connection through: a slow start, a dip of 10 s, and 110 KB a second between", () => {
    const tenMb = 10 * 1024 * 1024;
    const start = steady(100 * 1024, 20 * 1024);
    const before = steady(tenMb / 2, 110 * 1024, 5_000);
    const resumed = (before.at(-1)?.[1] ?? 0) + 10_000;
    const after = steady(tenMb / 2, 110 * 1024, resumed);
    const chunks = [...start, ...before, ...after];
    expect(chunks.at(-1)?.[1]).toBeLessThan(120_000);
    expect(passes(chunks)).toBe(true);
  });
});

describe("watching a body arrive", () => {
  it("aborts with the refusal once a stalled body falls under the pace, and not while it keeps it", async () => {
    vi.useFakeTimers();
    let send: (bytes: number) => void = () => {};
    const watched = watchArrival(new ReadableStream<Uint8Array>({ start: (stream) => void (send = (bytes) => stream.enqueue(new Uint8Array(bytes))) }));
    const reader = watched.body.getReader();
    for (let second = 0; second < 12; second++) {
      send(20 * 1024);
      await reader.read();
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(watched.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(3000);
    expect(watched.signal.aborted).toBe(true);
    expect(watched.signal.reason).toBeInstanceOf(AppError);
    expect(watched.signal.reason).toMatchObject({
      code: "timeout",
      message: "The image was arriving at under 16 KB a second, so the upload was stopped to free its place for others. Try again on a faster connection, or with a smaller file.",
    });
  });

  it("stops watching once told to", async () => {
    vi.useFakeTimers();
    const watched = watchArrival(new ReadableStream<Uint8Array>());
    watched.stop();
    await vi.advanceTimersByTimeAsync(200_000);
    expect(watched.signal.aborted).toBe(false);
  });
});
