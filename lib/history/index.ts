import "server-only";
import { getAccess } from "../access/gate";
import { getGateway } from "../gateway/client";
import { createJobRunner, type JobRunner } from "../jobs/runner";
import { processSingleton } from "../process-singleton";
import type { Clock } from "../store/database-clock";
import { getStorage, type Storage } from "./storage";

const openHistory: () => Promise<Storage & { runner: JobRunner; upkeep: (now: number) => Promise<void>; now: Clock }> = processSingleton("history", () =>
  Promise.all([getStorage(), getAccess()]).then(([storage, { config }]) => ({
    ...storage,
    runner: createJobRunner({
      ...storage,
      gateway: getGateway,
      limits: { maxConcurrent: config.maxConcurrent, dailyImageLimit: config.dailyImageLimit },
      instance: { leaseMs: storage.config.leaseMs },
      now: storage.now,
    }),
  })),
);

/**
 * The history with its job runner: what the API routes use. One of each per server process. Each use also
 * nudges the history's upkeep and the queue, so they move on requests and not only by timers that may not run.
 */
export const getHistory = async (): Promise<Storage & { runner: JobRunner; now: Clock }> => {
  const history = await openHistory();
  history.upkeep(history.now()).catch((error: unknown) => console.error(`the history's upkeep failed: ${String(error)}`));
  // Queued work an instance that went away left behind starts here (a no-op once nothing waits).
  history.runner.dispatch().catch((error: unknown) => console.error(`starting queued generations failed: ${String(error)}`));
  return history;
};
