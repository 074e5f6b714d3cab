import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import Database from "libsql";
import pg from "pg";
import { afterEach, beforeEach, inject } from "vitest";
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from "@/lib/store/migrations";
import { openPostgres } from "@/lib/store/open-postgres";
import { openSqlite } from "@/lib/store/open-sqlite";
import type { SqlDatabase } from "@/lib/store/schema";
import { createSqlStore } from "@/lib/store/sql-store";
import type { GenerationStore } from "@/lib/store/types";

/**
 * The two record backends the contract tests run against, each opened fresh: SQLite on a file in a
 * temporary folder, PostgreSQL in a schema of its own in the run's throwaway cluster.
 */
export type OpenedBackend = { readonly store: GenerationStore; readonly database: SqlDatabase; close(): Promise<void> };
export type StoreBackend = { readonly name: SqlDatabase["backend"]; open(): Promise<OpenedBackend> };

/** A schema of its own in the run's cluster, and the URL that puts a pool's every connection in it. */
export const freshPostgresSchema = async (): Promise<{ url: string; drop(): Promise<void> }> => {
  const admin = inject("postgresUrl");
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const url = `${admin}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    url,
    async drop() {
      const cleanup = new pg.Client({ connectionString: admin });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
};

/**
 * A database of its own in the run's cluster, for what a schema does not keep apart: a NOTIFY reaches every
 * listener of its database, other files' commits included.
 */
export const freshPostgresDatabase = async (): Promise<{ url: string; drop(): Promise<void> }> => {
  const admin = inject("postgresUrl");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE ${name} WITH (FORCE)`) };
};

const withStore = (database: SqlDatabase, cleanup: () => Promise<void>): OpenedBackend => {
  const store = createSqlStore(database);
  return {
    store,
    database,
    async close() {
      await store.close();
      await cleanup();
    },
  };
};

type PostgresDatabase = Extract<SqlDatabase, { backend: "postgres" }>;

/** A PostgreSQL store of its own, with a small pool. */
const openPostgresStore = async (): Promise<OpenedBackend & { readonly database: PostgresDatabase }> => {
  const schema = await freshPostgresSchema();
  const database = await openPostgres(schema.url, { maxConnections: 4 });
  if (database.backend !== "postgres") throw new Error("not PostgreSQL");
  return { ...withStore(database, schema.drop), database };
};

/**
 * Runs `test` on a PostgreSQL store of its own, its pool at hand (for tests that hold a transaction open
 * beside the store's), and closes it after.
 */
/**
 * A database as a version from before the migration that `marks` (a text in it) left it: the migrations before
 * it applied and recorded, then `rows` run. Answers what the newest code opens, to see it migrate them.
 */
export const sqliteBefore = (file: string, marks: string, rows: readonly string[]): void => {
  const before = SQLITE_MIGRATIONS.findIndex((migration) => migration.includes(marks));
  const raw = new Database(file);
  for (const migration of SQLITE_MIGRATIONS.slice(0, before)) raw.exec(migration);
  raw.exec(`PRAGMA user_version = ${before}`);
  for (const statement of rows) raw.exec(statement);
  raw.close();
};

export const postgresBefore = async (url: string, marks: string, rows: readonly string[]): Promise<void> => {
  const before = POSTGRES_MIGRATIONS.findIndex((migration) => migration.includes(marks));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CREATE TABLE playground_schema (version INTEGER NOT NULL)");
    for (const [index, migration] of POSTGRES_MIGRATIONS.slice(0, before).entries()) {
      await client.query(migration);
      await client.query(`INSERT INTO playground_schema (version) VALUES (${index + 1})`);
    }
    for (const statement of rows) await client.query(statement);
  } finally {
    await client.end();
  }
};

export const onPostgresStore = async (test: (opened: { readonly store: GenerationStore; readonly database: PostgresDatabase }) => Promise<void>): Promise<void> => {
  const opened = await openPostgresStore();
  try {
    await test(opened);
  } finally {
    await opened.close();
  }
};

/** Runs `work` on a connection of the pool's own (a transaction another instance holds); never left open after. */
export const holdingConnection = async (database: PostgresDatabase, work: (client: pg.PoolClient) => Promise<void>): Promise<void> => {
  const client = await database.pool.connect();
  try {
    await work(client);
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
    client.release();
  }
};

/**
 * How many sessions wait on a lock running a statement like `pattern` (ILIKE). Read from another connection
 * than a held transaction, which sees the activity view as it was at its first read.
 */
export const lockWaiters = async (database: PostgresDatabase, pattern: string): Promise<number> =>
  Number((await database.pool.query("SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE $1", [pattern])).rows[0].n);

export const STORE_BACKENDS: readonly StoreBackend[] = [
  {
    name: "sqlite",
    async open() {
      const dir = mkdtempSync(join(tmpdir(), "store-"));
      return withStore(openSqlite(join(dir, "history.db")), async () => rmSync(dir, { recursive: true, force: true }));
    },
  },
  {
    name: "postgres",
    open: openPostgresStore,
  },
];

/**
 * A store opened fresh before each test of the calling suite and closed after it. The returned object stands
 * for whichever store the running test has, so test bodies keep writing `store.…`.
 */
export const freshStoreEachTest = (backend: StoreBackend): GenerationStore => {
  let opened: OpenedBackend | undefined;
  beforeEach(async () => {
    opened = await backend.open();
  });
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });
  return new Proxy({} as GenerationStore, {
    get(_, key) {
      if (!opened) throw new Error("the store is opened per test: use it inside a test or a hook");
      const value: unknown = Reflect.get(opened.store, key);
      return typeof value === "function" ? value.bind(opened.store) : value;
    },
  });
};
