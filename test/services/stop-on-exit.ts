/**
 * Stops a service this process started when the process ends, however it ends: a test run killed by a
 * signal would otherwise leave a database or a Swift server running (pg_ctl's server is not our child).
 * Answers the function that forgets the hook once the service is stopped the ordinary way.
 */
export const stopOnExit = (stop: () => void): (() => void) => {
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    forget();
    // Then as if we had not been listening: the signal's own default ends the process.
    process.kill(process.pid, signal);
  };
  const forget = () => {
    process.off("exit", stop);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  process.once("exit", stop);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return forget;
};
