import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshPostgresSchema, postgresBefore, sqliteBefore } from "@/test/store-backends";
import { openPostgres } from "./open-postgres";
import { openSqlite } from "./open-sqlite";
import type { SqlDatabase } from "./schema";
import { createSqlStore } from "./sql-store";
import type { StoredInput } from "./types";

/**
 * Histories from before each input recorded who added it: the inputs kept then count under the cap on all
 * inputs, and against no client's share (whose they were cannot be told), on either backend.
 */

const ROWS: readonly string[] = [300, 200].map(
  (bytes, index) =>
    `INSERT INTO inputs (id, created_at, last_used_at, width, height, mime, bytes, thumb_bytes, sha256) VALUES ('old-${index}', 1000, 1000, 800, 600, 'image/png', ${bytes}, 20, 'hash-old-${index}')`,
);

const upload = (id: string, bytes: number): StoredInput => ({ id, createdAt: 2_000, width: 800, height: 600, mime: "image/png", bytes, thumbBytes: 0, sha256: `hash-${id}`, from: null });

const migrated = async (database: SqlDatabase) => {
  const store = createSqlStore(database);
  try {
    expect(await store.inputBytes()).toBe(540);
    expect(await store.inputBytes("address:198.51.100.7")).toBe(0);
    const caps = { maxBytes: 1_000, client: { key: "address:198.51.100.7", maxBytes: 400 } };
    // The whole share is the client's own, whatever the inputs kept before hold.
    expect(await store.createInput(upload("new-1", 400), caps)).toBeNull();
    expect(await store.inputBytes("address:198.51.100.7")).toBe(400);
    expect(await store.createInput(upload("new-2", 1), caps)).toEqual({ cap: "client", held: 400 });
    // And they still fill the room of all inputs.
    expect(await store.createInput(upload("new-3", 61), { ...caps, client: { key: "session:other", maxBytes: 400 } })).toEqual({ cap: "all", held: 940 });
    // Dropped like any other once unused.
    expect((await store.dropUnusedInputs(1_500)).sort()).toEqual(["old-0", "old-1"]);
  } finally {
    await store.close();
  }
};

describe("edit inputs recorded before their client was", () => {
  it("count under the cap on all and no client's share on SQLite", async () => {
    const dir = mkdtempSync(join(tmpdir(), "input-uploader-"));
    try {
      const file = join(dir, "history.db");
      sqliteBefore(file, "uploader", ROWS);
      await migrated(openSqlite(file));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("count under the cap on all and no client's share on PostgreSQL", async () => {
    const schema = await freshPostgresSchema();
    try {
      await postgresBefore(schema.url, "uploader", ROWS);
      await migrated(await openPostgres(schema.url, { maxConnections: 2 }));
    } finally {
      await schema.drop();
    }
  });
});
