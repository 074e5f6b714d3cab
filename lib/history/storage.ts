import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { processSingleton } from "../process-singleton";
import { createImageFiles } from "../store/image-files";
import { openPostgres } from "../store/open-postgres";
import { openSqlite } from "../store/open-sqlite";
import { createSqlStore } from "../store/sql-store";
import { parseStorageConfig, type StorageConfig } from "../store/storage-config";
import type { GenerationStore, ImageStore } from "../store/types";

export type Storage = { readonly store: GenerationStore; readonly images: ImageStore; readonly dataDir: string };
type OpenedStorage = Storage & { readonly interrupted: number; readonly swept: number; readonly dropped: number };

/** An edit input no generation uses is kept this long after it was last chosen (a form may still hold it). */
const UNUSED_INPUT_MS = 24 * 60 * 60 * 1000;
/** How often a running server looks for such inputs: it may run for weeks without a restart. */
const INPUT_SWEEP_MS = 60 * 60 * 1000;

/** Drops the inputs nobody used or chose for a day, records and files; answers how many. */
export const dropUnusedInputs = async ({ store, images }: Storage, now: number): Promise<number> => {
  const ids = await store.dropUnusedInputs(now - UNUSED_INPUT_MS);
  await Promise.all(ids.map((id) => images.remove(id)));
  return ids.length;
};

/**
 * Opens the history once per process: migrates the database, marks what a crash or restart left running
 * as interrupted, drops edit inputs nobody used for a day (and every hour after), and removes image files
 * that no record owns (a crash between writing and committing).
 */
export const getStorage: () => Promise<OpenedStorage> = processSingleton("storage", async () => {
  const storage = await openStorage(parseStorageConfig(process.env));
  setInterval(() => {
    dropUnusedInputs(storage, Date.now()).catch((error: unknown) => console.error(`dropping unused edit inputs failed: ${String(error)}`));
  }, INPUT_SWEEP_MS).unref();
  return storage;
});

/** `config` as a folder: the embedded history in it (tests and benchmarks). */
export const openStorage = async (config: StorageConfig | string, now: number = Date.now()): Promise<OpenedStorage> => {
  const { dataDir, databaseUrl } = typeof config === "string" ? { dataDir: config, databaseUrl: null } : config;
  await mkdir(dataDir, { recursive: true });
  const store = createSqlStore(databaseUrl ? await openPostgres(databaseUrl) : openSqlite(join(dataDir, "playground.db")));
  const images = await createImageFiles(join(dataDir, "images"));
  const interrupted = await store.markInterrupted(now);
  const dropped = await dropUnusedInputs({ store, images, dataDir }, now);
  const swept = await images.sweep(await store.imageIds());
  return { store, images, dataDir, interrupted, swept, dropped };
};
