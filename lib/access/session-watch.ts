import { onSessionRevoked } from "./revocations";

/** How often a long-lived answer asks again whether its session still holds. */
export const SESSION_RECHECK_MS = 30_000;

/** One session's watch, shared by all its open answers. */
type Watch = { readonly ends: Set<() => void>; readonly stop: () => void };
const watches = new Map<string, Watch>();

const startWatch = (sessionId: string, stillValid: () => Promise<boolean>, everyMs: number): Watch => {
  const ends = new Set<() => void>();
  // A copy: each answer's end takes itself off the set.
  const endAll = () => {
    for (const end of [...ends]) end();
  };
  const timer = setInterval(() => {
    stillValid().then(
      (valid) => {
        if (!valid) endAll();
      },
      () => undefined,
    );
  }, everyMs);
  // A watch alone does not keep the process up.
  timer.unref();
  const unlisten = onSessionRevoked((revoked) => {
    if (revoked === sessionId) endAll();
  });
  return {
    ends,
    stop: () => {
      clearInterval(timer);
      unlisten();
    },
  };
};

/**
 * Ends a long-lived answer (the live stream) once its session is signed out (on any instance: at once) or
 * runs out (at the next check). The gate is checked when the answer starts, and a stream kept open by
 * heartbeats would otherwise outlive the session by days. A check that fails (the database briefly away) ends
 * nothing: the next one decides. The answers of one session (every tab of a browser, a team's shared sign-in)
 * share one watch, so its check (a database read) runs once per period however many there are: any of them
 * can make it, as they all carry that session's one token. Answers the stop.
 */
export const watchSession = (sessionId: string, stillValid: () => Promise<boolean>, end: () => void, everyMs: number = SESSION_RECHECK_MS): (() => void) => {
  const watch = watches.get(sessionId) ?? startWatch(sessionId, stillValid, everyMs);
  watches.set(sessionId, watch);
  // Its own entry, so the same function watched twice is stopped once each.
  const entry = () => end();
  watch.ends.add(entry);
  return () => {
    if (!watch.ends.delete(entry) || watch.ends.size > 0) return;
    watch.stop();
    watches.delete(sessionId);
  };
};
