import { sql, type Kysely } from "kysely";
import type { SqlDatabase, Tables } from "./schema";

/**
 * The advisory locks instances sharing PostgreSQL take, each under a key of its own. They are kept in one
 * place so that no two share a key: a shared key would make unrelated transactions wait on each other, and
 * could deadlock two that also wait on each other's rows.
 */
export const ADVISORY_LOCKS = {
  /** Serializes migrations, so instances that start together run each once. */
  migration: 727_431_905,
  /** Serializes admissions under the cap on calls in flight. */
  admission: 727_431_906,
  /** Orders the change log's ids by commit. */
  changes: 727_431_907,
  /** Between pinning a poll's images and a delete deciding which files go. */
  pollImages: 727_431_908,
  /** Between counting what the edit inputs hold and adding one under the cap. */
  inputs: 727_431_909,
  /** Between counting the new voters an address brought a poll and taking one more's first vote. */
  newVoters: 727_431_910,
} as const;

/**
 * Holds `lock` to the end of the transaction on PostgreSQL. SQLite's one connection already runs one
 * transaction at a time, so there it does nothing.
 */
export const holdLock = async (trx: Kysely<Tables>, backend: SqlDatabase["backend"], lock: keyof typeof ADVISORY_LOCKS): Promise<void> => {
  if (backend === "postgres") await sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS[lock]})`.execute(trx);
};
