import Database from "libsql";
import { Kysely, SqliteDialect } from "kysely";
import { SQLITE_MIGRATIONS } from "./migrations";
import type { SqlDatabase, Tables } from "./schema";
import { DERIVED_COLUMNS, FILL_BATCH, searchText } from "./search-text";

/** Writes the derived columns of the rows that lack them (search-text.ts), a batch at a time in id order. */
const fillDerivedColumns = (db: Database.Database): void => {
  for (const { table, from, to } of DERIVED_COLUMNS) {
    const read = db.prepare(`SELECT id, ${from} AS text FROM ${table} WHERE ${to} IS NULL AND id > ? ORDER BY id LIMIT ${FILL_BATCH}`);
    const write = db.prepare(`UPDATE ${table} SET ${to} = ? WHERE id = ?`);
    for (let after = ""; ; ) {
      const rows = read.all(after) as Array<{ id: string; text: string }>;
      for (const row of rows) write.run(searchText(row.text), row.id);
      const last = rows.at(-1);
      if (!last || rows.length < FILL_BATCH) break;
      after = last.id;
    }
  }
};

/** Brings a database file up to the newest schema, one recorded version at a time, its derived columns filled. */
const migrate = (db: Database.Database): void => {
  const current = Number((db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version);
  for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[version] ?? "");
      db.exec(`PRAGMA user_version = ${version + 1}`);
    })();
  }
  db.transaction(() => fillDerivedColumns(db))();
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
