import { Kysely, PostgresDialect, sql } from "kysely";
import { errorText } from "../error-text";
import pg from "pg";
import { holdLock } from "./advisory-locks";
import { POSTGRES_MIGRATIONS } from "./migrations";
import type { SqlDatabase, Tables } from "./schema";
import { DERIVED_COLUMNS, FILL_BATCH, searchText } from "./search-text";
import { markUnreached, sayUnreached } from "./unreachable";

/** BIGINT (times, byte counts) and NUMERIC (sums) as numbers: every value held fits well within 2^53. */
const types = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format),
};

/**
 * Writes the derived columns of the rows that lack them (search-text.ts), a batch at a time in id order, each
 * batch its own statement: not in the migration's transaction, whose ALTER TABLE locks the tables whole
 * until it commits (every other instance's reads and lease renewals would wait for a large history's fill).
 * Instances filling at once write the same values.
 */
const fillDerivedColumns = async (db: Kysely<Tables>): Promise<void> => {
  for (const { table, from, to } of DERIVED_COLUMNS) {
    for (let after = ""; ; ) {
      const { rows } = await sql<{ id: string; text: string }>`
        SELECT id, ${sql.ref(from)} AS text FROM ${sql.table(table)} WHERE ${sql.ref(to)} IS NULL AND id > ${after} ORDER BY id LIMIT ${FILL_BATCH}`.execute(db);
      const last = rows.at(-1);
      if (!last) break;
      const values = sql.join(rows.map((row) => sql`(${row.id}, ${searchText(row.text)})`));
      await sql`UPDATE ${sql.table(table)} SET ${sql.ref(to)} = v.text FROM (VALUES ${values}) AS v (id, text) WHERE ${sql.ref(`${table}.id`)} = v.id`.execute(db);
      if (rows.length < FILL_BATCH) break;
      after = last.id;
    }
  }
};

/**
 * The sending time of generations recorded before it had a column (migration 16), or since by an instance on
 * older code (a rolling deploy), from their step timings: a batch at a time, after the migrations commit, for
 * the reason above. A row whose timings hold none keeps none (its creation stands for it).
 */
const fillSentAt = async (db: Kysely<Tables>): Promise<void> => {
  for (let after = ""; ; ) {
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM generations WHERE sent_at IS NULL AND timings_json IS NOT NULL AND id > ${after} ORDER BY id LIMIT ${FILL_BATCH}`.execute(db);
    const last = rows.at(-1);
    if (!last) break;
    await sql`UPDATE generations SET sent_at = (timings_json::jsonb ->> 'sentAt')::bigint WHERE id IN (${sql.join(rows.map((row) => row.id))})`.execute(db);
    if (rows.length < FILL_BATCH) break;
    after = last.id;
  }
};

/**
 * Applies what is missing under a transaction-scoped advisory lock, so instances that start together run
 * each migration once: the second waits, then finds it applied. DDL is transactional in PostgreSQL, so a
 * failed migration leaves nothing half done. The derived columns and the sending times are filled after it commits.
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
  await fillDerivedColumns(db);
  await fillSentAt(db);
};

/**
 * How long the server lets a session sit inside a transaction waiting for its client. No transaction here waits
 * on anything but the database; an instance that lost its network (or froze) mid-transaction would otherwise
 * hold its locks, the change log's among them, and every instance's writes with them, until TCP gave up, hours
 * later. Past this the server ends the session and its locks go.
 */
const IDLE_IN_TRANSACTION_MS = 60_000;
/** How long a new connection may take to be made, and then to be set up. */
const CONNECT_TIMEOUT_MS = 10_000;

export const openPostgres = async (
  url: string,
  {
    maxConnections = 10,
    idleInTransactionMs = IDLE_IN_TRANSACTION_MS,
    connectTimeoutMs = CONNECT_TIMEOUT_MS,
  }: { maxConnections?: number; idleInTransactionMs?: number; connectTimeoutMs?: number } = {},
): Promise<SqlDatabase> => {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    types,
    connectionTimeoutMillis: connectTimeoutMs,
    // A server gone without a word is noticed by the client as well.
    keepAlive: true,
    // Set on each new connection before it is handed out (the URL's own options, a search_path say, are kept;
    // a SET after connecting also passes a pooler such as PgBouncer, which refuses unknown start-up options);
    // a connection that cannot be set up is not used. The connect timeout ends with the handshake, so the SET
    // has one of its own: a server that accepts the connection and then says nothing fails it, not hangs it.
    onConnect: async (client) => {
      // pg emits a connection's loss (a restart, a failover, an idle transaction ended by the server) as an
      // 'error' event; the pool listens only while a client is idle, and an event nobody hears kills the
      // process. A client lent out between statements, as in a transaction, needs its own listener: the loss
      // reaches its caller as the next statement's failure, and the pool drops the client on release.
      // Said once: a session the server ends is its FATAL message, then the socket's end, each an 'error'.
      let said = false;
      client.on("error", (error) => {
        if (said) return;
        said = true;
        console.error(`PostgreSQL connection lost: ${error.message}`);
      });
      // pg reads a query's own query_timeout (client.js), which its types leave out.
      const setting: pg.QueryConfig & { query_timeout: number } = { text: `SET idle_in_transaction_session_timeout = ${Math.round(idleInTransactionMs)}`, query_timeout: connectTimeoutMs };
      await client.query(setting);
    },
  });
  // The pool re-emits an idle client's loss here, and throws if no one listens: the client's own listener has said it.
  pool.on("error", () => undefined);
  markConnectFailures(pool);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw sayUnreached(new Error(`PostgreSQL at ${where(url)} cannot be used: ${errorText(error)}`, { cause: error }), error);
  }
  return { db, backend: "postgres", pool };
};

/**
 * Every connection the pool is asked for (by Kysely, and by `pool.query`, which asks through `connect` with a
 * callback) fails, when the database cannot be reached, marked as such (lib/store/unreachable.ts): what
 * failed so was never done, and can be tried again or said in words.
 */
const markConnectFailures = (pool: pg.Pool) => {
  type Callback = (error: Error | undefined, ...rest: unknown[]) => void;
  const connect = pool.connect.bind(pool) as (callback?: Callback) => Promise<pg.PoolClient> | undefined;
  pool.connect = ((callback?: Callback) =>
    callback
      ? connect((error, ...rest) => callback(error && markUnreached(error), ...rest))
      : connect()?.catch((error: unknown) => {
          throw markUnreached(error);
        })) as pg.Pool["connect"];
};

/** The server and database a URL names, without its user or password, for a message. */
const where = (url: string): string => {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
};
