import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { holdLock } from "./advisory-locks";
import { POSTGRES_MIGRATIONS } from "./migrations";
import type { SqlDatabase, Tables } from "./schema";

/** BIGINT (times, byte counts) and NUMERIC (sums) as numbers: every value held fits well within 2^53. */
const types = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format),
};

/**
 * Applies what is missing under a transaction-scoped advisory lock, so instances that start together run
 * each migration once: the second waits, then finds it applied. DDL is transactional in PostgreSQL, so a
 * failed migration leaves nothing half done.
 */
const migrate = async (db: Kysely<Tables>): Promise<void> => {
  await db.transaction().execute(async (trx) => {
    await holdLock(trx, "postgres", "migration");
    await sql`CREATE TABLE IF NOT EXISTS playground_schema (version INTEGER NOT NULL)`.execute(trx);
    const row = await sql<{ version: number | null }>`SELECT MAX(version) AS version FROM playground_schema`.execute(trx);
    const current = row.rows[0]?.version ?? 0;
    for (let version = current; version < POSTGRES_MIGRATIONS.length; version++) {
      // No parameters: sent as a simple query, which may hold several statements.
      await sql.raw(POSTGRES_MIGRATIONS[version] ?? "").execute(trx);
      await sql`INSERT INTO playground_schema (version) VALUES (${version + 1})`.execute(trx);
    }
  });
};

export const openPostgres = async (url: string, { maxConnections = 10 }: { maxConnections?: number } = {}): Promise<SqlDatabase> => {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, types, connectionTimeoutMillis: 10_000 });
  // An idle client's error (the server restarted) must not crash the process; the pool replaces the client.
  pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, backend: "postgres", pool };
};
