import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { SqlDatabase, Tables } from "./schema";

/**
 * Whose history a move's target database is taking. Copying skips what the target already holds, which is
 * right for rows this same history's earlier, interrupted run left there and wrong for anyone else's: a day's
 * usage or a prompt list of the same name would keep the target's value and drop the source's. So a move
 * begins only on a target that holds no history, and first leaves its mark there; a run that finds its own
 * mark resumes, provided neither side has been written to since.
 */

/**
 * The embedded history's own id, kept in its settings: it goes wherever the file goes (a DATA_DIR renamed,
 * restored from a backup, carried to another machine), where a path or a file's inode would not, and no other
 * history has it.
 */
export const HISTORY_ID_SETTING = "history_id";
/** In the target's settings: which history is moving in, and what its change log said when it began. */
export const MOVED_FROM_SETTING = "moved_from";
/** Settings about the move itself, never copied: the target must not claim to be the history it came from. */
export const MOVE_SETTINGS: readonly string[] = [HISTORY_ID_SETTING, MOVED_FROM_SETTING];

const markSchema = z.object({ history: z.string(), sourceChange: z.number(), startedAt: z.number() });
type MoveMark = z.infer<typeof markSchema>;

/** A move that must not go on: its message says why and what to do, and nothing was copied by it. */
export class MoveRefused extends Error {
  override readonly name = "MoveRefused";
}

const STOP_INSTANCES =
  "Stop every playground instance on that DATABASE_URL and bucket before moving a history into them: one running there writes to the target while the history arrives, and sweeps the copied images whose records have not landed yet.";
const START_OVER = "To start over, point DATABASE_URL at a new, empty database (and S3_PREFIX at an unused prefix), or drop and recreate this one.";

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

const lastChange = async (db: Kysely<Tables>): Promise<number> => {
  const row = await db.selectFrom("changes").select((eb) => eb.fn.max<number | null>("id").as("last")).executeTakeFirst();
  return Number(row?.last ?? 0);
};

const historyIdOf = async ({ db }: SqlDatabase): Promise<string> => {
  await db.insertInto("settings").values({ name: HISTORY_ID_SETTING, value: randomUUID() }).onConflict((conflict) => conflict.column("name").doNothing()).execute();
  return (await db.selectFrom("settings").select("value").where("name", "=", HISTORY_ID_SETTING).executeTakeFirstOrThrow()).value;
};

const readMark = async (db: Kysely<Tables>): Promise<MoveMark | "unreadable" | null> => {
  const row = await db.selectFrom("settings").select("value").where("name", "=", MOVED_FROM_SETTING).executeTakeFirst();
  if (!row) return null;
  try {
    return markSchema.parse(JSON.parse(row.value));
  } catch {
    return "unreadable";
  }
};

const tablesWithRows = async (db: AnyDb, tables: readonly string[]): Promise<string[]> => {
  const used: string[] = [];
  for (const table of tables) if (await db.selectFrom(table).select(sql`1`.as("one")).limit(1).executeTakeFirst()) used.push(table);
  return used;
};

const when = (at: number) => new Date(at).toISOString().replace("T", " ").slice(0, 16) + " UTC";

/** Checks a mark found in the target: this history's own, and both sides as they were when it was left. */
const resume = async (target: Kysely<Tables>, mark: MoveMark | "unreadable", history: string, sourceChange: number): Promise<void> => {
  if (mark === "unreadable" || mark.history !== history) {
    throw new MoveRefused(
      `Another history's move into the target database began${mark === "unreadable" ? "" : ` on ${when(mark.startedAt)}`} (its "${MOVED_FROM_SETTING}" setting names it): moving this one in too would merge the two. ${START_OVER}`,
    );
  }
  // The move itself never writes the change log, and emptied it when it began: a row there is an instance's.
  if ((await lastChange(target)) > 0) {
    throw new MoveRefused(
      `The target database has been written to since this history's move into it began on ${when(mark.startedAt)}: a playground instance has run on it (its change log is no longer empty). Going on would merge what that instance wrote with this history. If the move had finished and the target is in use, there is nothing left to do. ${STOP_INSTANCES} ${START_OVER}`,
    );
  }
  if (sourceChange !== mark.sourceChange) {
    throw new MoveRefused(
      `The embedded history has changed since its move began on ${when(mark.startedAt)} (a playground ran on this DATA_DIR meanwhile): what was moved then may be out of date, and would be kept as it is. ${START_OVER}`,
    );
  }
};

/**
 * Makes the target this history's before anything is copied, or answers that it already is (`resumed`): what
 * is there then came from this history's earlier run. Throws MoveRefused when it is anyone else's.
 */
export const claimTarget = async (source: SqlDatabase, target: SqlDatabase, historyTables: readonly (keyof Tables)[]): Promise<{ resumed: boolean }> => {
  if (target.backend !== "postgres") throw new Error("A history moves to PostgreSQL: the target database is SQLite.");
  const history = await historyIdOf(source);
  const sourceChange = await lastChange(source.db);
  const found = await readMark(target.db);
  if (found) {
    await resume(target.db, found, history, sourceChange);
    return { resumed: true };
  }
  return target.db.transaction().execute(async (trx) => {
    const used = await tablesWithRows(trx as unknown as AnyDb, historyTables);
    if (used.length > 0) {
      throw new MoveRefused(
        `The target database already holds a history: there are rows in ${used.join(", ")}. Moving this one into it would merge the two, and keep the target's own day counts, spend and same-named prompt lists over this history's, so it is refused. Move into a new, empty database. ${STOP_INSTANCES}`,
      );
    }
    const mark = { history, sourceChange, startedAt: Date.now() } satisfies MoveMark;
    const claimed = await trx
      .insertInto("settings")
      .values({ name: MOVED_FROM_SETTING, value: JSON.stringify(mark) })
      .onConflict((conflict) => conflict.column("name").doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) === 0) throw new MoveRefused(`Another move into the target database began at the same moment. ${STOP_INSTANCES}`);
    // What the target logged is of items it no longer holds (it holds no history, as just seen); kept, it
    // would make a page's cursor from either side look resumable, and replay only those old changes.
    await trx.deleteFrom("changes").execute();
    // The target's changes go on from past both logs, one id left unused: a Last-Event-ID any page holds,
    // the embedded history's or the target's own, then lies before the new log's first change less one,
    // so the feed starts that page afresh rather than resuming it in a log it never read.
    await sql`SELECT setval(pg_get_serial_sequence('changes', 'id')::regclass,
      GREATEST(CAST(${sourceChange} AS bigint), COALESCE(pg_sequence_last_value(pg_get_serial_sequence('changes', 'id')::regclass), 0)) + 1)`.execute(trx);
    return { resumed: false };
  });
};
