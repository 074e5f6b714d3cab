import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshPostgresSchema, postgresBefore, sqliteBefore } from "@/test/store-backends";
import { DEFAULT_COMPARE } from "../compare/compare-request";
import { defaultRequest } from "../models/defaults";
import { openPostgres } from "./open-postgres";
import { openSqlite } from "./open-sqlite";
import type { SqlDatabase } from "./schema";
import { DERIVED_COLUMNS, FILL_BATCH } from "./search-text";
import { createSqlStore } from "./sql-store";

/**
 * Histories from before the prompts were kept folded for the search: the start-up that adds the columns fills
 * them for every row there (more than one batch of them), on either backend, so old records are found as new ones.
 */

const COUNT = FILL_BATCH * 2 + 1;
const request = JSON.stringify({ ...defaultRequest("wan2.6-t2i"), prompt: "x" });
const blind = JSON.stringify({ ...DEFAULT_COMPARE, prompt: "ΟΔΟΣ ΣΤΟ ΒΟΥΝΟ", blind: true });
const ids = { generations: Array.from({ length: COUNT }, () => randomUUID()), comparison: randomUUID() };

/** Rows as a version without the folded columns held them, in statements of 100 rows. */
const ROWS: readonly string[] = [
  ...Array.from({ length: Math.ceil(COUNT / 100) }, (_, chunk) => {
    const values = ids.generations.slice(chunk * 100, chunk * 100 + 100).map((id, index) => `('${id}', ${chunk * 100 + index}, 'succeeded', 'wan2.6-t2i', 'ÜBER nummer ${chunk * 100 + index}', '${request}')`);
    return `INSERT INTO generations (id, created_at, status, model, prompt, request_json) VALUES ${values.join(", ")}`;
  }),
  `INSERT INTO images (id, generation_id, position, width, height, mime, bytes, revised_prompt) VALUES ('${randomUUID()}', '${ids.generations[0]}', 0, 64, 64, 'image/png', 10, 'ÉTÉ À PARIS')`,
  `INSERT INTO comparisons (id, created_at, prompt, request_json, seed) VALUES ('${ids.comparison}', ${COUNT}, 'ΟΔΟΣ ΣΤΟ ΒΟΥΝΟ', '${blind}', 5)`,
];

const migrated = async (database: SqlDatabase) => {
  const store = createSqlStore(database);
  try {
    for (const { table, to } of DERIVED_COLUMNS) {
      const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("unfilled")).where(to, "is", null).executeTakeFirstOrThrow();
      expect(Number(row.unfilled), `${table}.${to}`).toBe(0);
    }
    const found = async (q: string) => (await store.list({ limit: 10, q })).items.map((item) => item.id);
    expect(await found("über NUMMER 1000")).toEqual([ids.generations[1000]]);
    expect(await found("été")).toEqual([ids.generations[0]]);
    // A blind comparison not yet revealed is searched by its own prompt.
    expect(await found("οδος βουνο")).toEqual([ids.comparison]);
  } finally {
    await store.close();
  }
};

describe("the folded prompts of records made before they were kept", () => {
  it("are filled on SQLite", async () => {
    const dir = mkdtempSync(join(tmpdir(), "search-text-"));
    try {
      const file = join(dir, "history.db");
      sqliteBefore(file, "prompt_search", ROWS);
      await migrated(openSqlite(file));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("are filled on PostgreSQL", async () => {
    const schema = await freshPostgresSchema();
    try {
      await postgresBefore(schema.url, "prompt_search", ROWS);
      await migrated(await openPostgres(schema.url, { maxConnections: 2 }));
    } finally {
      await schema.drop();
    }
  });
});
