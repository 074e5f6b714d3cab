import "server-only";
import { getAccess } from "../access/gate";
import { getGateway } from "../gateway/client";
import { createJobRunner, type JobRunner } from "../jobs/runner";
import { processSingleton } from "../process-singleton";
import { getStorage, type Storage } from "./storage";

/** The history with its job runner: what the API routes use. One of each per server process. */
export const getHistory: () => Promise<Storage & { runner: JobRunner }> = processSingleton("history", () =>
  Promise.all([getStorage(), getAccess()]).then(([storage, { config }]) => ({
    ...storage,
    runner: createJobRunner({
      ...storage,
      gateway: getGateway,
      limits: { maxConcurrent: config.maxConcurrent, dailyImageLimit: config.dailyImageLimit },
    }),
  })),
);
