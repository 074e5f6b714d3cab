import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sessionRevoked } from "./revocations";
import { watchSession } from "./session-watch";

describe("watching a long-lived answer's session", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("ends the answer at the first check after the session stops holding, and not before", async () => {
    let valid = true;
    const end = vi.fn();
    const stop = watchSession("runs-out", async () => valid, end, 1_000);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(end).not.toHaveBeenCalled();
    valid = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(end).toHaveBeenCalledTimes(1);
    stop();
  });

  it("ends nothing when a check itself fails, and nothing once stopped", async () => {
    const end = vi.fn();
    let calls = 0;
    const stop = watchSession(
      "blip",
      async () => {
        calls++;
        if (calls === 1) throw new Error("connection terminated");
        return false;
      },
      end,
      1_000,
    );
    await vi.advanceTimersByTimeAsync(1_000);
    expect(end).not.toHaveBeenCalled();
    stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect([calls, end.mock.calls.length]).toEqual([1, 0]);
  });

  it("checks a session once per period however many of its answers are open, and ends them all", async () => {
    const check = vi.fn(async () => true);
    const ends = Array.from({ length: 100 }, () => vi.fn());
    const stops = ends.map((end) => watchSession("many-tabs", check, end, 1_000));
    const other = vi.fn();
    const stopOther = watchSession("another", async () => true, other, 1_000);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(check).toHaveBeenCalledTimes(3);
    // One closed leaves the rest watched; the last closed stops the checks.
    stops[0]?.();
    check.mockResolvedValue(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ends.map((end) => end.mock.calls.length)).toEqual([0, ...Array.from({ length: 99 }, () => 1)]);
    expect(other).not.toHaveBeenCalled();
    for (const stop of stops) stop();
    const checked = check.mock.calls.length;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(check).toHaveBeenCalledTimes(checked);
    stopOther();
  });

  it("ends a session's answers the moment it is signed out, and no other session's", () => {
    const mine = [vi.fn(), vi.fn()];
    const other = vi.fn();
    const stops = [...mine.map((end) => watchSession("signed-out", async () => true, end)), watchSession("still-in", async () => true, other)];
    sessionRevoked("signed-out");
    expect([...mine, other].map((end) => end.mock.calls.length)).toEqual([1, 1, 0]);
    for (const stop of stops) stop();
  });
});
