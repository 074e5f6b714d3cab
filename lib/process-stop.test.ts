import { afterEach, describe, expect, it, vi } from "vitest";
import { handleStopSignals, processStop, STOP_GRACE_MS, type StopSignal } from "./process-stop";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("a stop signal", () => {
  it("is left to the operator's own handlers with NEXT_MANUAL_SIG_HANDLE, as Next leaves it", () => {
    vi.stubEnv("NEXT_MANUAL_SIG_HANDLE", "true");
    const on = vi.fn();
    handleStopSignals({ on, exit: vi.fn() });
    expect(on).not.toHaveBeenCalled();
  });

  it("aborts the process's stop at once, and exits with Next's code only once the grace has passed", () => {
    vi.useFakeTimers();
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const listeners = new Map<StopSignal, () => void>();
    const exit = vi.fn();
    handleStopSignals({ on: (signal, listener) => listeners.set(signal, listener), exit });
    expect([...listeners.keys()].sort()).toEqual(["SIGINT", "SIGTERM"]);
    // Once per process, however often the instrumentation runs.
    const again = vi.fn();
    handleStopSignals({ on: again, exit });
    expect(again).not.toHaveBeenCalled();
    const stop = processStop();
    expect(stop.signal.aborted).toBe(false);

    listeners.get("SIGTERM")?.();
    expect(stop.signal.aborted).toBe(true);
    expect(stop.signal.reason).toMatchObject({ name: "AbortError" });
    // Ctrl+C reaches a server twice (the shell, and the parent passing it on): the first stop's grace holds.
    listeners.get("SIGINT")?.();
    vi.advanceTimersByTime(STOP_GRACE_MS - 1);
    expect(exit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(exit.mock.calls).toEqual([[143]]);
    vi.advanceTimersByTime(STOP_GRACE_MS);
    expect(exit).toHaveBeenCalledTimes(1);
  });
});
