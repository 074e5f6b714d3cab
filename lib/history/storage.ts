import { join } from "node:path";
import { createLeaseExpiry } from "../jobs/lease-expiry";
import { DEFAULT_LINGER_MS } from "../jobs/linger";
import { errorText } from "../error-text";
import { processSingleton } from "../process-singleton";
import { prepareDataDir } from "./data-dir";
import { lockDataDir } from "./data-dir-lock";
import { databaseClock, type Clock } from "../store/database-clock";
import { createImageFiles } from "../store/image-files";
import { openPostgres } from "../store/open-postgres";
import { openSqlite } from "../store/open-sqlite";
import { retryUnreached, UNREACHED_BACKOFF_MS } from "../store/unreachable";
import { createS3Images } from "../store/s3-images";
import { createSqlStore } from "../store/sql-store";
import type { SqlDatabase } from "../store/schema";
import { parseStorageConfig, type StorageConfig } from "../store/storage-config";
import type { GenerationStore, ImageStore } from "../store/types";

export type Storage = { readonly store: GenerationStore; readonly images: ImageStore; readonly dataDir: string };
type OpenedStorage = Storage & {
  readonly config: StorageConfig;
  /** The records' database: the rate limits keep their counts beside them when it is PostgreSQL. */
  readonly database: SqlDatabase;
  readonly interrupted: number;
  readonly swept: number;
  readonly dropped: number;
  /** The clock times shared with other instances go by: the database's (see database-clock.ts). */
  readonly now: Clock;
  /** The history's upkeep (leases run out, unused inputs): cheap to call often, it does its work at most so often. */
  readonly upkeep: (now: number) => Promise<void>;
};

/** An edit input no generation uses is kept this long after it was last chosen (a form may still hold it). */
const UNUSED_INPUT_MS = 24 * 60 * 60 * 1000;
/** With other instances writing, a file no record owns is an orphan only once this old. */
const ORPHAN_AGE_MS = 60 * 60 * 1000;
/** How often a running server looks for such inputs: it may run for weeks without a restart. */
const INPUT_SWEEP_MS = 60 * 60 * 1000;
/** A page whose stream was away longer than this reads its history afresh instead of replaying changes. */
const CHANGES_KEPT_MS = 24 * 60 * 60 * 1000;

/**
 * The files of records already deleted. One that cannot be removed now (the bucket throttling, an outage) is
 * logged and left to the upkeep's sweep, which removes what no record owns: the delete has happened, and is
 * answered as done rather than as a failure the user would retry into a 404.
 */
export const removeFiles = async (images: Pick<ImageStore, "remove">, ids: readonly string[]): Promise<void> => {
  const failed = (await Promise.allSettled(ids.map((id) => images.remove(id)))).flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
  if (failed.length > 0) console.error(`${failed.length} of ${ids.length} files of deleted records could not be removed now; the upkeep's sweep will: ${errorText(failed[0])}`);
};

/** Drops the inputs nobody used or chose for a day, records and files; answers how many. */
export const dropUnusedInputs = async ({ store, images }: Storage, now: number): Promise<number> => {
  const ids = await store.dropUnusedInputs(now - UNUSED_INPUT_MS);
  await removeFiles(images, ids);
  return ids.length;
};

/** A step of the upkeep or the start-up's tidying: one that fails is logged, and the rest still run. */
const tidy = async <T>(what: string, step: () => Promise<T>, otherwise: T): Promise<T> => {
  try {
    return await step();
  } catch (error) {
    console.error(`${what} failed, and is tried again within the hour: ${errorText(error)}`);
    return otherwise;
  }
};

/**
 * Work no single request owns, done by whichever instance gets to it: generations whose instance stopped
 * renewing their lease are marked interrupted (looked for a few times per lease); unused edit inputs,
 * day-old changes and image files no record owns (a remove that failed, a write whose commit failed) go
 * hourly, as a server may run for weeks without the start-up's sweep. Requests call it as well as a timer, so
 * hosts that freeze or end idle processes still get it done.
 */
const createUpkeep = (storage: Storage, leaseMs: number, startedAt: number, shared: boolean) => {
  const due = { leases: 0, inputs: 0 };
  let busy = false;
  const expireLeases = createLeaseExpiry((now, ranOutBefore) => storage.store.expireLeases(now, now + DEFAULT_LINGER_MS, ranOutBefore), leaseMs, startedAt, shared);
  return async (now: number): Promise<void> => {
    // One round at a time; a call while one runs has nothing to add.
    if (busy) return;
    busy = true;
    try {
      if (now >= due.leases) {
        due.leases = now + Math.max(1_000, leaseMs / 3);
        await expireLeases(now);
      }
      if (now >= due.inputs) {
        due.inputs = now + INPUT_SWEEP_MS;
        await tidy("dropping unused edit inputs", () => dropUnusedInputs(storage, now), 0);
        await tidy("pruning old changes", () => storage.store.pruneChanges(now - CHANGES_KEPT_MS), undefined);
        // Files and the bucket's objects carry this process's clock (the bucket's own corrected to it), not
        // the database's `now`: an instance an hour behind the database would sweep files just written.
        await tidy("sweeping image files no record owns", async () => storage.images.sweep(await storage.store.imageIds(), Date.now() - ORPHAN_AGE_MS), 0);
      }
    } finally {
      busy = false;
    }
  };
};

/**
 * The waits before each further try to open the history while its database cannot be reached: about two
 * minutes in all, for an instance started with (or before) its database, as at a machine's boot. A database
 * that stays away longer stops the start-up with its reason; one that refuses the login does at once.
 */
export const START_BACKOFF_MS: readonly number[] = [...UNREACHED_BACKOFF_MS, ...Array<number>(6).fill(15_000)];

/** `openStorage`, tried again while the database cannot be reached (each wait logged). */
export const openStorageWhenReached = (config: StorageConfig, backoffMs = START_BACKOFF_MS): Promise<OpenedStorage> =>
  retryUnreached("Opening the history", () => openStorage(config), backoffMs);

/** Opens the history once per process, and keeps up its upkeep while the process lives. */
export const getStorage: () => Promise<OpenedStorage> = processSingleton("storage", async () => {
  const storage = await openStorageWhenReached(parseStorageConfig(process.env));
  setInterval(() => {
    storage.upkeep(storage.now()).catch((error: unknown) => console.error(`the history's upkeep failed: ${String(error)}`));
  }, 1_000).unref();
  return storage;
});

/**
 * Migrates the database, marks what can no longer finish as interrupted, drops edit inputs nobody used for a
 * day, and removes image files that no record owns (a crash between writing and committing). The embedded
 * history belongs to this one process, so everything it finds running is over; on PostgreSQL other instances
 * may be running theirs, so only generations whose lease ran out are.
 * `config` as a folder: the embedded history in it (tests and benchmarks); `at`, the start-up's time (by
 * default the shared clock's).
 */
export const openStorage = async (config: StorageConfig | string, at?: number): Promise<OpenedStorage> => {
  const settings: StorageConfig = typeof config === "string" ? { dataDir: config, databaseUrl: null, s3: null, leaseMs: 15_000 } : config;
  const { dataDir, databaseUrl } = settings;
  await prepareDataDir(dataDir);
  // The embedded history belongs to this process alone; a shared one (PostgreSQL) to no process.
  const release = databaseUrl ? () => undefined : lockDataDir(dataDir);
  let database: SqlDatabase;
  try {
    database = databaseUrl ? await openPostgres(databaseUrl) : openSqlite(join(dataDir, "playground.db"));
  } catch (error) {
    release();
    throw error;
  }
  const opened = createSqlStore(database);
  const store: GenerationStore = {
    ...opened,
    async close() {
      await opened.close();
      release();
    },
  };
  try {
    return await prepare(settings, database, store, at);
  } catch (error) {
    // Tried again at start-up while the database cannot be reached: each try's pool is let go of.
    await store.close().catch(() => undefined);
    throw error;
  }
};

const prepare = async (settings: StorageConfig, database: SqlDatabase, store: GenerationStore, at: number | undefined): Promise<OpenedStorage> => {
  const { dataDir, databaseUrl, s3, leaseMs } = settings;
  const clock = await databaseClock(database);
  const now = at ?? clock.now();
  const images = s3 ? await createS3Images(s3) : await createImageFiles(join(dataDir, "images"));
  const storage = { store, images, dataDir };
  // On a shared database, what ran out within the last lease is spared one: this instance may be starting
  // because the database has just come back, before the living instances renewed theirs (lease-expiry.ts).
  const interrupted = databaseUrl ? await store.expireLeases(now, now + DEFAULT_LINGER_MS, now - leaseMs) : await store.markInterrupted(now, now + DEFAULT_LINGER_MS);
  // Tidying, not the history: a bucket that throttles a delete must not keep an instance from starting.
  const dropped = await tidy("dropping unused edit inputs", () => dropUnusedInputs(storage, now), 0);
  // Files carry the clock's time. Another instance may be between writing an image and committing its
  // record, so with shared records only old orphans are swept.
  const swept = await tidy("sweeping image files no record owns", async () => images.sweep(await store.imageIds(), Date.now() - (databaseUrl || s3 ? ORPHAN_AGE_MS : 0)), 0);
  const upkeep = createUpkeep(storage, leaseMs, now, databaseUrl !== null);
  return { ...storage, config: settings, database, interrupted, swept, dropped, upkeep, now: clock.now };
};
