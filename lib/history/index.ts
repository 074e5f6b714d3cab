import "server-only";
import { getAccess } from "../access/gate";
import { getGateway } from "../gateway/client";
import { createJobRunner, type JobRunner } from "../jobs/runner";
import { getStorage, type Storage } from "./storage";

const SLOT = Symbol.for("onetoken-playground.history");
type Slot = { [SLOT]?: Promise<Storage & { runner: JobRunner }> };

/** The history with its job runner: what the API routes use. One of each per server process. */
export const getHistory = (): Promise<Storage & { runner: JobRunner }> => {
  const slot = globalThis as Slot;
  slot[SLOT] ??= Promise.all([getStorage(), getAccess()]).then(([storage, { config }]) => ({
    ...storage,
    runner: createJobRunner({
      ...storage,
      gateway: getGateway,
      limits: { maxConcurrent: config.maxConcurrent, dailyImageLimit: config.dailyImageLimit },
    }),
  }));
  return slot[SLOT];
};
