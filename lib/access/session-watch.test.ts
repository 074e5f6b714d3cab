import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
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
    watchSession(async () => valid, end, 1_000);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(end).not.toHaveBeenCalled();
    valid = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(end).toHaveBeenCalledTimes(1);
  });

  it("ends nothing when a check itself fails, and nothing once stopped", async () => {
    const end = vi.fn();
    let calls = 0;
    const stop = watchSession(
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
});
