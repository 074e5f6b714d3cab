import { setMaxListeners } from "node:events";

/**
 * A stop of this server process: SIGINT (Ctrl+C) or SIGTERM (a process manager, a rolling deploy). Next's own
 * handler closes the listener and exits once every open request has ended, so a request that never ends by
 * itself (a tab's live stream) would keep the old process serving, with its old code, config and DATA_DIR,
 * for as long as the tab stays open. What holds a request open lets go of it when the stop begins, and past a
 * grace the process exits whatever is left (a download still being written).
 */

export type StopSignal = "SIGINT" | "SIGTERM";

/** What Next's own handler exits with (128 + the signal's number): the last-resort exit says the same. */
const EXIT_CODES: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

/** How long a stop lets what is left of the requests run before the process exits anyway. */
export const STOP_GRACE_MS = 10_000;

/** Aborted once the process is told to stop, with an AbortError: Next drops a body that errors so without a word. */
export type Stop = { readonly signal: AbortSignal; begin(signal: StopSignal): void };

const STOP = Symbol.for("onetoken-playground.process-stop");
const HANDLED = Symbol.for("onetoken-playground.process-stop-signals");
const stops = globalThis as unknown as Record<symbol, Stop | undefined>;
const handled = globalThis as unknown as Record<symbol, boolean | undefined>;

/** This process's stop, one however many bundles load this module (see process-singleton.ts). */
export const processStop = (): Stop => {
  if (stops[STOP]) return stops[STOP];
  const controller = new AbortController();
  // Every open stream listens to it: a thousand tabs are not a leak.
  setMaxListeners(0, controller.signal);
  const stop: Stop = {
    signal: controller.signal,
    begin(signal) {
      if (!controller.signal.aborted) controller.abort(new DOMException(`The server is stopping (${signal}).`, "AbortError"));
    },
  };
  stops[STOP] = stop;
  return stop;
};

/**
 * Called at start-up (instrumentation-node.ts), beside Next's own handler, which closes the listener; a second
 * call (the instrumentation run again by the dev server) adds nothing. A repeated signal (a shell and a parent
 * both pass Ctrl+C on) changes nothing. With NEXT_MANUAL_SIG_HANDLE set, Next installs no handler and leaves
 * the signals to the operator's own: none is added here either, so no exit comes that they did not ask for.
 */
export const handleStopSignals = ({
  on = (signal, listener) => process.on(signal, listener),
  exit = (code) => process.exit(code),
  graceMs = STOP_GRACE_MS,
}: {
  on?: (signal: StopSignal, listener: () => void) => void;
  exit?: (code: number) => void;
  graceMs?: number;
} = {}): void => {
  if (process.env.NEXT_MANUAL_SIG_HANDLE || handled[HANDLED]) return;
  handled[HANDLED] = true;
  const stop = processStop();
  for (const signal of Object.keys(EXIT_CODES) as StopSignal[]) {
    on(signal, () => {
      if (stop.signal.aborted) return;
      stop.begin(signal);
      setTimeout(() => {
        console.error(`Requests were still open ${graceMs / 1000} s after ${signal}: the server exits without them.`);
        exit(EXIT_CODES[signal]);
      }, graceMs);
    });
  }
};
