import Database from "libsql";
import { Kysely, SqliteDialect } from "kysely";
import { SQLITE_MIGRATIONS } from "./migrations";
import type { SqlDatabase, Tables } from "./schema";

/** Brings a database file up to the newest schema, one recorded version at a time. */
const migrate = (db: Database.Database): void => {
  const current = Number((db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version);
  for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[version] ?? "");
      db.exec(`PRAGMA user_version = ${version + 1}`);
    })();
  }
};

/**
 * The embedded database: one SQLite file in WAL mode (readers never wait for the job runner), migrated
 * before anything reads it. Kysely runs its queries on one connection, one at a time, so a transaction
 * here is never interleaved with another query of this process. Every commit is synced (`FULL`): files are
 * removed once a delete commits, so a commit a power cut took back would leave records pointing at nothing
 * (`NORMAL` survives a crash of the process, not of the machine).
 */
export const openSqlite = (file: string): SqlDatabase => {
  const database = new Database(file);
  database.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
  migrate(database);
  return { db: new Kysely<Tables>({ dialect: new SqliteDialect({ database }) }), backend: "sqlite" };
};
