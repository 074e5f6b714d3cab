import "server-only";
import { getGateway } from "../gateway/client";
import { createJobRunner, type JobRunner } from "../jobs/runner";
import { getStorage, type Storage } from "./storage";

const SLOT = Symbol.for("onetoken-playground.history");
type Slot = { [SLOT]?: Promise<Storage & { runner: JobRunner }> };

/** The history with its job runner: what the API routes use. One of each per server process. */
export const getHistory = (): Promise<Storage & { runner: JobRunner }> => {
  const slot = globalThis as Slot;
  slot[SLOT] ??= getStorage().then((storage) => ({ ...storage, runner: createJobRunner({ ...storage, gateway: getGateway }) }));
  return slot[SLOT];
};
