import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { processSingleton } from "../process-singleton";
import { createImageFiles } from "../store/image-files";
import { openSqliteStore } from "../store/sqlite-store";
import type { GenerationStore, ImageStore } from "../store/types";

export type Storage = { readonly store: GenerationStore; readonly images: ImageStore; readonly dataDir: string };
type OpenedStorage = Storage & { readonly interrupted: number; readonly swept: number; readonly dropped: number };

/** An edit input no generation uses is kept this long after it was last chosen (a form may still hold it). */
const UNUSED_INPUT_MS = 24 * 60 * 60 * 1000;
/** How often a running server looks for such inputs: it may run for weeks without a restart. */
const INPUT_SWEEP_MS = 60 * 60 * 1000;

/** Drops the inputs nobody used or chose for a day, records and files; answers how many. */
export const dropUnusedInputs = async ({ store, images }: Storage, now: number): Promise<number> => {
  const ids = store.dropUnusedInputs(now - UNUSED_INPUT_MS);
  await Promise.all(ids.map((id) => images.remove(id)));
  return ids.length;
};

const dataDirFrom = (env: Record<string, string | undefined>): string => resolve(/*turbopackIgnore: true*/ env.DATA_DIR?.trim() || ".data");

/**
 * Opens the history once per process: migrates the database, marks what a crash or restart left running
 * as interrupted, drops edit inputs nobody used for a day (and every hour after), and removes image files
 * that no record owns (a crash between writing and committing).
 */
export const getStorage: () => Promise<OpenedStorage> = processSingleton("storage", async () => {
  const storage = await openStorage(dataDirFrom(process.env));
  setInterval(() => {
    dropUnusedInputs(storage, Date.now()).catch((error: unknown) => console.error(`dropping unused edit inputs failed: ${String(error)}`));
  }, INPUT_SWEEP_MS).unref();
  return storage;
});

export const openStorage = async (dataDir: string, now: number = Date.now()): Promise<OpenedStorage> => {
  await mkdir(dataDir, { recursive: true });
  const store = openSqliteStore(join(dataDir, "playground.db"));
  const images = await createImageFiles(join(dataDir, "images"));
  const interrupted = store.markInterrupted(now);
  const dropped = await dropUnusedInputs({ store, images, dataDir }, now);
  const swept = await images.sweep(store.imageIds());
  return { store, images, dataDir, interrupted, swept, dropped };
};
