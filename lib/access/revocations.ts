/**
 * This process's long-lived answers (the live streams) told the moment a session is signed out: here, or on
 * another instance sharing PostgreSQL (its NOTIFY, lib/events/postgres-wake.ts). A session that runs out is
 * found at the streams' next check (lib/access/session-watch.ts). Kept on globalThis: Next loads a
 * module once per bundle, and the sign-out route and the stream route are different bundles.
 */
const KEY = Symbol.for("onetoken-playground.revocations");
const listeners: Set<(sessionId: string) => void> = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Set()) as Set<(sessionId: string) => void>;

export const onSessionRevoked = (listener: (sessionId: string) => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const sessionRevoked = (sessionId: string): void => {
  for (const listener of listeners) listener(sessionId);
};
