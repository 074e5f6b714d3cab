import type { Kysely } from "kysely";
import type { SqlDatabase, Tables } from "./schema";
import type { ImageStore } from "./types";

/**
 * Copies an embedded history (its SQLite records and its image folder) into a team's backends: PostgreSQL
 * for the records, an S3 bucket for the images, or both. Idempotent and resumable: what the target already
 * holds is skipped, so running it again after an interruption finishes the job. Image files go first and
 * records after, so a record never arrives without its image.
 */

/** Tables in an order that satisfies their references, each with the columns that identify a row. */
const TABLES = [
  ["comparisons", ["id"]],
  ["inputs", ["id"]],
  ["generations", ["id"]],
  ["images", ["id"]],
  ["shares", ["id"]],
  ["usage", ["day"]],
  ["spend", ["day", "model"]],
  ["revoked_sessions", ["id"]],
  // The session secret: without it every signed-in browser would be signed out by the move. A target that
  // already made its own keeps it (its instances' sessions stay good).
  ["settings", ["name"]],
  ["prompt_lists", ["name"]],
  ["polls", ["id"]],
  ["poll_votes", ["poll_id", "item", "voter"]],
  ["poll_images", ["image_id"]],
  ["poll_shown_images", ["poll_id", "image_id"]],
] as const satisfies ReadonlyArray<readonly [keyof Tables, readonly string[]]>;

/** Rows per batch: each batch is one statement on the target, well under PostgreSQL's 65,535 parameters. */
const BATCH = 500;

export type MoveProgress = { readonly phase: "images" | "records"; readonly done: number; readonly total: number };

export type MoveSummary = {
  /** `missing`: on record, but not in the source folder (nothing to copy). */
  readonly images: { readonly copied: number; readonly skipped: number; readonly missing: number };
  readonly records: { readonly copied: number; readonly skipped: number };
};

export type MoveSource = { readonly database: SqlDatabase; readonly images: ImageStore };
/** Where each part goes; null leaves that part where it is. */
export type MoveTarget = { readonly database: SqlDatabase | null; readonly images: ImageStore | null };

// The tables are walked generically, by name; their rows go across as they are (one schema on both sides).
type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

const countRows = async (db: AnyDb, table: string): Promise<number> => {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("rows")).executeTakeFirst();
  return Number(row?.rows ?? 0);
};

export const moveHistory = async (
  source: MoveSource,
  target: MoveTarget,
  onProgress: (progress: MoveProgress) => void = () => undefined,
): Promise<MoveSummary> => {
  const from = source.database.db as unknown as AnyDb;
  const summary = { images: { copied: 0, skipped: 0, missing: 0 }, records: { copied: 0, skipped: 0 } };

  if (target.images) {
    const ids = [
      ...new Set(
        [
          ...(await from.selectFrom("images").select("id").orderBy("id").execute()),
          ...(await from.selectFrom("inputs").select("id").orderBy("id").execute()),
          // A poll's images whose generation was deleted are on record here alone.
          ...(await from.selectFrom("poll_images").select("image_id as id").orderBy("image_id").execute()),
        ].map((row) => String(row.id)),
      ),
    ];
    for (const [index, id] of ids.entries()) {
      const [full, thumb] = await Promise.all([source.images.read(id, "full"), source.images.read(id, "thumb")]);
      if (!full || !thumb) summary.images.missing++;
      else if (await target.images.has(id)) summary.images.skipped++;
      else {
        await target.images.put(id, full, thumb);
        summary.images.copied++;
      }
      onProgress({ phase: "images", done: index + 1, total: ids.length });
    }
  }

  if (target.database) {
    const to = target.database.db as unknown as AnyDb;
    let total = 0;
    for (const [table] of TABLES) total += await countRows(from, table);
    let done = 0;
    for (const [table, keys] of TABLES) {
      // Keyset paging on the key columns: stable whatever the table's size.
      for (let after: Record<string, unknown> | null = null; ; ) {
        let query = from.selectFrom(table).selectAll().limit(BATCH);
        for (const key of keys) query = query.orderBy(key);
        if (after) {
          const last = after;
          // Every key column in the comparison: a page that ended inside one poll item's votes must go on
          // after its last voter, not after the whole item.
          const [one, two, three] = keys as readonly string[] as [string, string | undefined, string | undefined];
          query =
            two === undefined
              ? query.where(one, ">", last[one])
              : three === undefined
                ? query.where((eb) => eb(eb.refTuple(one, two), ">", eb.tuple(last[one], last[two])))
                : query.where((eb) => eb(eb.refTuple(one, two, three), ">", eb.tuple(last[one], last[two], last[three])));
        }
        const rows = await query.execute();
        if (rows.length === 0) break;
        const result = await to
          .insertInto(table)
          .values(rows)
          .onConflict((conflict) => conflict.columns([...keys]).doNothing())
          .executeTakeFirst();
        const inserted = Number(result.numInsertedOrUpdatedRows ?? 0n);
        summary.records.copied += inserted;
        summary.records.skipped += rows.length - inserted;
        done += rows.length;
        onProgress({ phase: "records", done, total });
        after = rows.at(-1) ?? null;
        if (rows.length < BATCH) break;
      }
    }
  }
  return summary;
};
