import "server-only";
import { getAccess } from "../access/gate";
import { getGateway } from "../gateway/client";
import { createJobRunner, type JobRunner } from "../jobs/runner";
import { processSingleton } from "../process-singleton";
import { processStop } from "../process-stop";
import type { Clock } from "../store/database-clock";
import { getStorage, type Storage } from "./storage";

/** How often an instance looks at the queue without being asked: work an instance that went away left queued moves even while no request comes. */
const QUEUE_LOOK_MS = 5_000;

const logDispatch = (error: unknown) => console.error(`starting queued generations failed: ${String(error)}`);

const openHistory: () => Promise<Storage & { runner: JobRunner; upkeep: (now: number) => Promise<void>; now: Clock }> = processSingleton("history", () =>
  Promise.all([getStorage(), getAccess()]).then(([storage, { config }]) => {
    const runner = createJobRunner({
      ...storage,
      gateway: getGateway,
      limits: { maxConcurrent: config.maxConcurrent, dailyImageLimit: config.dailyImageLimit },
      instance: { leaseMs: storage.config.leaseMs },
      now: storage.now,
      stopping: processStop().signal,
    });
    setInterval(() => runner.dispatch().catch(logDispatch), QUEUE_LOOK_MS).unref();
    return { ...storage, runner };
  }),
);

/**
 * The history with its job runner: what the API routes use. One of each per server process. Each use also
 * nudges the history's upkeep and the queue, so they move on requests and not only by timers that may not run.
 */
export const getHistory = async (): Promise<Storage & { runner: JobRunner; now: Clock }> => {
  const history = await openHistory();
  history.upkeep(history.now()).catch((error: unknown) => console.error(`the history's upkeep failed: ${String(error)}`));
  // Queued work an instance that went away left behind starts here (at most a look a heartbeat once nothing waits).
  history.runner.dispatch().catch(logDispatch);
  return history;
};
