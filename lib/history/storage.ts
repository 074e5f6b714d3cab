import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { processSingleton } from "../process-singleton";
import { createImageFiles } from "../store/image-files";
import { openSqliteStore } from "../store/sqlite-store";
import type { GenerationStore, ImageStore } from "../store/types";

export type Storage = { readonly store: GenerationStore; readonly images: ImageStore; readonly dataDir: string };
type OpenedStorage = Storage & { readonly interrupted: number; readonly swept: number };

/** An edit input no generation uses is kept this long (a form may still hold it), then dropped at start-up. */
const UNUSED_INPUT_MS = 24 * 60 * 60 * 1000;

const dataDirFrom = (env: Record<string, string | undefined>): string => resolve(/*turbopackIgnore: true*/ env.DATA_DIR?.trim() || ".data");

/**
 * Opens the history once per process: migrates the database, marks what a crash or restart left running
 * as interrupted, drops edit inputs nobody used for a day, and removes image files that no record owns (a
 * crash between writing and committing).
 */
export const getStorage: () => Promise<OpenedStorage> = processSingleton("storage", () => openStorage(dataDirFrom(process.env)));

export const openStorage = async (dataDir: string, now: number = Date.now()): Promise<OpenedStorage> => {
  await mkdir(dataDir, { recursive: true });
  const store = openSqliteStore(join(dataDir, "playground.db"));
  const images = await createImageFiles(join(dataDir, "images"));
  const interrupted = store.markInterrupted(now);
  // Their records go first; the sweep then removes their files along with any a crash left behind.
  store.dropUnusedInputs(now - UNUSED_INPUT_MS);
  const swept = await images.sweep(store.imageIds());
  return { store, images, dataDir, interrupted, swept };
};
