import type { Kysely } from "kysely";
import { claimTarget, MOVE_SETTINGS } from "./move-claim";
import type { SqlDatabase, Tables } from "./schema";
import type { ImageStore } from "./types";

/**
 * Copies an embedded history (its SQLite records and its image folder) into a team's backends: PostgreSQL
 * for the records, an S3 bucket for the images, or both. Only into a database that holds no other history
 * (move-claim.ts); resumable there: what this history's earlier run copied is skipped, so running it again
 * after an interruption finishes the job. Each batch's image files go just before its records: a record never
 * arrives without its image, and no copied image waits long without the record that owns it (the team's
 * instances sweep images no record owns once they are an hour old).
 */

type Part = {
  readonly table: keyof Tables;
  /** The columns that identify a row. */
  readonly keys: readonly [string, ...string[]];
  /** The column naming the image a row owns, whose files go with the row. */
  readonly file?: string;
  /**
   * Rows an instance makes without any history (its session secret, a sign-out): a target that holds these
   * alone is still empty, and keeps its own.
   */
  readonly shared?: true;
};

/** In an order that satisfies their references. */
const PARTS: readonly Part[] = [
  { table: "comparisons", keys: ["id"] },
  { table: "inputs", keys: ["id"], file: "id" },
  { table: "generations", keys: ["id"] },
  { table: "earlier_attempts", keys: ["id"] },
  { table: "images", keys: ["id"], file: "id" },
  { table: "shares", keys: ["id"] },
  { table: "usage", keys: ["day"] },
  { table: "spend", keys: ["day", "model"] },
  { table: "revoked_sessions", keys: ["id"], shared: true },
  // The session secret: without it every signed-in browser would be signed out by the move.
  { table: "settings", keys: ["name"], shared: true },
  { table: "prompt_lists", keys: ["name"] },
  { table: "polls", keys: ["id"] },
  { table: "poll_votes", keys: ["poll_id", "item", "voter"] },
  // A poll's images whose generation was deleted are on record here alone.
  { table: "poll_images", keys: ["image_id"], file: "image_id" },
  { table: "poll_shown_images", keys: ["poll_id", "image_id"] },
];

const HISTORY_TABLES = PARTS.filter((part) => !part.shared).map((part) => part.table);

/** Rows per batch: each batch is one statement on the target, well under PostgreSQL's 65,535 parameters. */
const BATCH = 500;
/** Image files copied at once. */
const FILES_AT_ONCE = 8;

/**
 * `done` of `total` rows of the tables being moved. "images": the files of one more row are in; "records":
 * the batch up to `done` is (with no database to fill, its files are: then every step is "images").
 */
export type MoveProgress = { readonly phase: "images" | "records"; readonly table: string; readonly done: number; readonly total: number };

export type MoveSummary = {
  /** `missing`: on record, but not in the source folder (nothing to copy). */
  readonly images: { readonly copied: number; readonly skipped: number; readonly missing: number };
  readonly records: { readonly copied: number; readonly skipped: number };
  /**
   * This history's move into the target database had begun before (an interrupted run, or a finished one run
   * again): the skipped records, and images, are what that run copied.
   */
  readonly resumed: boolean;
  /**
   * Rows the target already held with other values than this history's, kept as the target's (the session
   * secret its instances made: browsers signed in to the embedded history sign in again), by their key
   * columns' values joined with "/". Counted neither copied nor skipped.
   */
  readonly kept: readonly { readonly table: string; readonly key: string }[];
};

export type MoveSource = { readonly database: SqlDatabase; readonly images: ImageStore };
/** Where each part goes; null leaves that part where it is. */
export type MoveTarget = { readonly database: SqlDatabase | null; readonly images: ImageStore | null };

// The tables are walked generically, by name; their rows go across as they are (one schema on both sides).
type AnyDb = Kysely<Record<string, Record<string, unknown>>>;
type Row = Record<string, unknown>;

export const moveHistory = async (
  source: MoveSource,
  target: MoveTarget,
  onProgress: (progress: MoveProgress) => void = () => undefined,
): Promise<MoveSummary> => {
  const from = source.database.db as unknown as AnyDb;
  const to = target.database?.db as unknown as AnyDb | undefined;
  const files = target.images;
  const images = { copied: 0, skipped: 0, missing: 0 };
  const records = { copied: 0, skipped: 0 };
  const kept: { table: string; key: string }[] = [];
  // Before anything is copied, the images included: a target that is someone else's is left untouched.
  const { resumed } = target.database ? await claimTarget(source.database, target.database, HISTORY_TABLES) : { resumed: false };

  // With no database to fill, only the tables that own files are walked, for their files.
  const parts = PARTS.filter((part) => to || (files && part.file));
  const rowsOf = (part: Part) => {
    const query = from.selectFrom(part.table);
    return part.table === "settings" ? query.where("name", "not in", MOVE_SETTINGS) : query;
  };
  let total = 0;
  for (const part of parts) {
    const row = await rowsOf(part)
      .select((eb) => eb.fn.countAll<number>().as("rows"))
      .executeTakeFirst();
    total += Number(row?.rows ?? 0);
  }

  /** The images a batch's rows own, but for those another table's rows brought. */
  const fileIds = async (part: Part, file: string, rows: readonly Row[]): Promise<string[]> => {
    const ids = rows.map((row) => String(row[file]));
    if (part.table !== "poll_images") return ids;
    // A poll's image whose generation is on record went with that generation's images.
    const went = new Set((await from.selectFrom("images").select("id").where("id", "in", ids).execute()).map((row) => String(row.id)));
    return ids.filter((id) => !went.has(id));
  };

  const copyFile = async (store: ImageStore, id: string) => {
    // Looked for first, so a run after an interruption reads no file it will not copy.
    if (await store.has(id)) images.skipped++;
    else {
      const [full, thumb] = await Promise.all([source.images.read(id, "full"), source.images.read(id, "thumb")]);
      if (!full || !thumb) images.missing++;
      else {
        await store.put(id, full, thumb);
        images.copied++;
      }
    }
  };

  /**
   * A few at a time: one by one, a bucket's round trips would keep a batch's first files waiting long for
   * their records. A failure stops the others taking more, and is thrown once they are done: nothing goes on
   * copying after the move has failed.
   */
  const copyFiles = async (store: ImageStore, ids: readonly string[], report: (handled: number) => void) => {
    let next = 0;
    let handled = 0;
    let stopped = false;
    const worker = async () => {
      try {
        for (let id = ids[next++]; id !== undefined && !stopped; id = ids[next++]) {
          await copyFile(store, id);
          report(++handled);
        }
      } catch (error) {
        stopped = true;
        throw error;
      }
    };
    const settled = await Promise.allSettled(Array.from({ length: Math.min(FILES_AT_ONCE, ids.length) }, worker));
    const failed = settled.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
  };

  const keyOf = (part: Part, row: Row) => part.keys.map((key) => String(row[key])).join("/");

  const copyRecords = async (db: AnyDb, part: Part, rows: readonly Row[]) => {
    const result = await db
      .insertInto(part.table)
      .values([...rows])
      .onConflict((conflict) => conflict.columns([...part.keys]).doNothing())
      .executeTakeFirst();
    const inserted = Number(result.numInsertedOrUpdatedRows ?? 0n);
    let differing = 0;
    if (inserted < rows.length) {
      // A row already there is this history's, from its earlier run, only if it reads the same; one that does
      // not is the target's own (its instances' session secret; anything written there unlogged since the
      // move began), kept as it is and said so, not counted as moved.
      const [first] = part.keys;
      const theirs = await db
        .selectFrom(part.table)
        .selectAll()
        .where(first, "in", [...new Set(rows.map((row) => row[first]))])
        .execute();
      const held = new Map(theirs.map((row) => [keyOf(part, row), row]));
      for (const row of rows) {
        const there = held.get(keyOf(part, row));
        if (there && Object.entries(row).some(([column, value]) => there[column] !== value)) {
          kept.push({ table: part.table, key: keyOf(part, row) });
          differing++;
        }
      }
    }
    records.copied += inserted;
    records.skipped += rows.length - inserted - differing;
  };

  let done = 0;
  for (const part of parts) {
    // Keyset paging on the key columns: stable whatever the table's size.
    for (let after: Row | null = null; ; ) {
      let query = rowsOf(part).selectAll().limit(BATCH);
      for (const key of part.keys) query = query.orderBy(key);
      if (after) {
        const last = after;
        // Every key column in the comparison: a page that ended inside one poll item's votes must go on
        // after its last voter, not after the whole item.
        const [one, two, three] = part.keys;
        query =
          two === undefined
            ? query.where(one, ">", last[one])
            : three === undefined
              ? query.where((eb) => eb(eb.refTuple(one, two), ">", eb.tuple(last[one], last[two])))
              : query.where((eb) => eb(eb.refTuple(one, two, three), ">", eb.tuple(last[one], last[two], last[three])));
      }
      const rows = await query.execute();
      if (rows.length === 0) break;
      if (files && part.file !== undefined) {
        const base = done;
        await copyFiles(files, await fileIds(part, part.file, rows), (handled) => onProgress({ phase: "images", table: part.table, done: base + handled, total }));
      }
      done += rows.length;
      if (to) await copyRecords(to, part, rows);
      onProgress({ phase: to ? "records" : "images", table: part.table, done, total });
      after = rows.at(-1) ?? null;
      if (rows.length < BATCH) break;
    }
  }
  return { images, records, resumed, kept };
};
