import "server-only";
import type { JobRunner } from "../jobs/runner";
import { processStop } from "../process-stop";
import { preferredWait } from "./prefer-wait";
import { json } from "./responses";

/**
 * Answers a started job: 202 at once, or, when the client sent `Prefer: wait=N`, the record as it stands
 * after the jobs finish or N seconds pass (200 when nothing is running any more, 202 otherwise). A stop of the
 * server ends the wait at once with the record as it stands: a stop does not wait for the gateway (a job still
 * running when the process ends is interrupted, as by a crash).
 */
export const answerStarted = async <View>(
  request: Request,
  runner: JobRunner,
  started: View,
  jobs: readonly string[],
  current: () => Promise<View | null>,
  running: (view: View) => boolean,
): Promise<Response> => {
  const wait = preferredWait(request.headers.get("prefer"));
  if (wait === null) return json(started, 202);
  await runner.settled(jobs, wait * 1000, AbortSignal.any([request.signal, processStop().signal]));
  const view = (await current()) ?? started;
  return json(view, running(view) ? 202 : 200, { "preference-applied": `wait=${wait}` });
};
