import { sql, type Kysely, type Transaction } from "kysely";
import { historyItemOf } from "../events/sse";
import { holdLock } from "./advisory-locks";
import { retryConflicts } from "./conflict-retry";
import type { SqlDatabase, Tables } from "./schema";
import type { Change, ChangeBounds, ShareEntry } from "./types";

type Db = Kysely<Tables> | Transaction<Tables>;

/** What a write says it changed; the log gives it an id and a time. */
export type ChangeNote = { readonly kind: "item" | "deleted"; readonly item: ShareEntry } | { readonly kind: "usage" } | { readonly kind: "poll"; readonly poll: string };

/**
 * A poll's change is kept with its id and no item kind: an instance from before polls were told reads such a
 * row as one of the day's usage, which costs it a read and shows nothing wrong.
 */
const rowOf = (note: ChangeNote) =>
  note.kind === "poll" ? { kind: note.kind, item_kind: null, item_id: note.poll } : { kind: note.kind, item_kind: "item" in note ? note.item.kind : null, item_id: "item" in note ? note.item.id : null };

/** The channel PostgreSQL's NOTIFY wakes every instance's stream on; the payload is empty (the log is the truth). */
export const CHANGES_CHANNEL = "playground_changes";
/** The channel a sign-out is told on, its payload the session's id, so every instance ends that session's streams at once. */
export const SIGN_OUTS_CHANNEL = "playground_sign_outs";

/** The item a generation shows as in the history: itself, or the comparison it is a column of. */
export const itemOf = (row: { id: string; comparison_id: string | null }): ShareEntry => historyItemOf({ id: row.id, comparisonId: row.comparison_id });

/**
 * The history's change log: each write that changes what a page shows records what it changed, in its own
 * transaction, so a page's stream can resume from any id without missing a change. On PostgreSQL the ids
 * must follow commit order (a reader that saw id 11 must never later find a 10 committed after it): the
 * recording takes a lock held until commit, as the transaction's last step, and a NOTIFY goes out with the
 * commit. Listeners in this process are told after the commit.
 */
export const createChangeLog = ({ db, backend }: SqlDatabase) => {
  const listeners = new Set<() => void>();

  const bounds = async (): Promise<ChangeBounds> => {
    const row = await db
      .selectFrom("changes")
      .select((eb) => [eb.fn.min<number>("id").as("first"), eb.fn.max<number>("id").as("last")])
      .executeTakeFirst();
    return { first: Number(row?.first ?? 0), last: Number(row?.last ?? 0) };
  };

  const record = async (trx: Db, notes: readonly ChangeNote[]) => {
    if (notes.length === 0) return;
    await holdLock(trx, backend, "changes");
    const at = Date.now();
    await trx
      .insertInto("changes")
      .values(notes.map((note) => ({ at, ...rowOf(note) })))
      .execute();
    if (backend === "postgres") await sql`SELECT pg_notify(${CHANGES_CHANNEL}, '')`.execute(trx);
  };

  return {
    /**
     * Runs `work` in one transaction and records the changes it notes as its last step; tells this process's
     * listeners once it has committed. A transaction PostgreSQL rolled back for a conflict runs again, with
     * only its own notes.
     */
    async write<T>(work: (trx: Transaction<Tables>, note: (change: ChangeNote) => void) => Promise<T>): Promise<T> {
      const { value, notes } = await retryConflicts(() => {
        const attempt: ChangeNote[] = [];
        return db.transaction().execute(async (trx) => {
          const value = await work(trx, (change) => attempt.push(change));
          await record(trx, attempt);
          return { value, notes: attempt };
        });
      });
      if (notes.length > 0) for (const listener of listeners) listener();
      return value;
    },
    async after(cursor: number, limit: number): Promise<Change[]> {
      const rows = await db.selectFrom("changes").selectAll().where("id", ">", cursor).orderBy("id").limit(limit).execute();
      return rows.map((row): Change => {
        const base = { id: Number(row.id), at: Number(row.at) };
        if (row.kind === "poll" && row.item_id) return { ...base, kind: "poll", poll: row.item_id };
        if (row.kind === "usage" || row.kind === "poll" || !row.item_kind || !row.item_id) return { ...base, kind: "usage" };
        return { ...base, kind: row.kind, item: { kind: row.item_kind, id: row.item_id } };
      });
    },
    bounds,
    async lastOfHistory(): Promise<number> {
      // Down the ids from the newest, past the polls' (no index on the kind is needed: they are the few at the end).
      const row = await db.selectFrom("changes").select("id").where("kind", "<>", "poll").orderBy("id", "desc").limit(1).executeTakeFirst();
      return Number(row?.id ?? 0);
    },
    /** The id of the last change recorded of an item, or null if the log holds none. */
    async lastOf(item: ShareEntry): Promise<number | null> {
      const row = await db
        .selectFrom("changes")
        .select((eb) => eb.fn.max<number | null>("id").as("id"))
        .where("item_id", "=", item.id)
        .where("item_kind", "=", item.kind)
        .executeTakeFirst();
      return row?.id == null ? null : Number(row.id);
    },
    async prune(before: number): Promise<void> {
      // By id, below the first row young enough to keep: what stays is an unbroken run, whatever clock each
      // instance stamped its rows with (a resume reads "no gap" from the first id alone). The newest stays
      // whatever its age, so the log always knows where it is (a resume can be told apart from a gap).
      const keptFrom = await db.selectFrom("changes").select((eb) => eb.fn.min<number>("id").as("first")).where("at", ">=", before).executeTakeFirst();
      const { last } = await bounds();
      await db.deleteFrom("changes").where("id", "<", Math.min(Number(keptFrom?.first ?? last), last)).execute();
    },
    watch(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
