/** How often a long-lived answer asks again whether its session still holds. */
export const SESSION_RECHECK_MS = 30_000;

/**
 * Ends a long-lived answer (the live stream) once its session is signed out or runs out. The gate is checked
 * when the answer starts, and a stream kept open by heartbeats would otherwise outlive the session by days.
 * A check that fails (the database briefly away) ends nothing: the next one decides. Answers the stop.
 */
export const watchSession = (stillValid: () => Promise<boolean>, end: () => void, everyMs: number = SESSION_RECHECK_MS): (() => void) => {
  const timer = setInterval(() => {
    stillValid().then(
      (valid) => {
        if (!valid) end();
      },
      () => undefined,
    );
  }, everyMs);
  // A watch alone does not keep the process up.
  timer.unref();
  return () => clearInterval(timer);
};
