import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { freshPostgresSchema, postgresBefore, sqliteBefore } from "@/test/store-backends";
import { defaultRequest } from "../models/defaults";
import { openPostgres } from "./open-postgres";
import { openSqlite } from "./open-sqlite";
import type { SqlDatabase } from "./schema";
import { createSqlStore } from "./sql-store";

/**
 * Histories from before the sending time was a column of its own: runs that waited in the queue kept it in
 * their step timings, and the oldest runs (from before any queue) kept none. A model's typical time counts
 * the former from their sending and the latter from their creation, on either backend.
 */

const wan = JSON.stringify({ ...defaultRequest("wan2.6-t2i"), prompt: "x" });
const qwen = JSON.stringify({ ...defaultRequest("qwen-image"), prompt: "x" });

const ROWS: readonly string[] = [
  // 85 s in the queue, then 4 to 5 s at the gateway.
  ...[4_000, 4_600, 5_000].map((ran, index) => {
    const createdAt = 1_000_000 + index * 100_000;
    const sentAt = createdAt + 85_000;
    const timings = JSON.stringify({ sentAt, answeredAt: sentAt + ran - 100, downloadedAt: sentAt + ran - 50, storedAt: sentAt + ran });
    return `INSERT INTO generations (id, created_at, finished_at, status, model, prompt, request_json, timings_json) VALUES ('queued-${index}', ${createdAt}, ${sentAt + ran}, 'succeeded', 'wan2.6-t2i', 'x', '${wan}', '${timings}')`;
  }),
  // From before the step timings: sent as they were made.
  ...[6_000, 7_000, 8_000].map(
    (ran, index) =>
      `INSERT INTO generations (id, created_at, finished_at, status, model, prompt, request_json) VALUES ('old-${index}', ${index * 100_000}, ${index * 100_000 + ran}, 'succeeded', 'qwen-image', 'x', '${qwen}')`,
  ),
];

const migrated = async (database: SqlDatabase) => {
  const store = createSqlStore(database);
  try {
    const running = (model: "wan2.6-t2i" | "qwen-image") => store.create({ id: model, createdAt: 2_000_000, request: { ...defaultRequest(model), prompt: "now" } });
    expect((await running("wan2.6-t2i")).typicalMs).toBe(4_600);
    expect((await running("qwen-image")).typicalMs).toBe(7_000);
    expect((await store.get("queued-0"))?.sentAt).toBe(1_085_000);
    expect((await store.get("old-0"))?.sentAt).toBeNull();
  } finally {
    await store.close();
  }
};

describe("a model's typical time over runs recorded before the sending time was a column", () => {
  it("counts each from its sending on SQLite", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sent-at-"));
    try {
      const file = join(dir, "history.db");
      sqliteBefore(file, "sent_at", ROWS);
      await migrated(openSqlite(file));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("counts each from its sending on PostgreSQL", async () => {
    const schema = await freshPostgresSchema();
    try {
      await postgresBefore(schema.url, "sent_at", ROWS);
      await migrated(await openPostgres(schema.url, { maxConnections: 2 }));
      // A run an instance on the older code finished since (a rolling deploy) kept its sending in its timings
      // alone: the next start reads it from there.
      const older = await openPostgres(schema.url, { maxConnections: 1 });
      const timings = JSON.stringify({ sentAt: 3_085_000, answeredAt: 3_089_000, downloadedAt: 3_089_500, storedAt: 3_090_000 });
      await sql`INSERT INTO generations (id, created_at, finished_at, status, model, prompt, request_json, timings_json)
                VALUES ('late', ${3_000_000}, ${3_090_000}, 'succeeded', 'wan2.6-t2i', 'x', ${wan}, ${timings})`.execute(older.db);
      await older.db.destroy();
      const reopened = createSqlStore(await openPostgres(schema.url, { maxConnections: 2 }));
      try {
        expect((await reopened.get("late"))?.sentAt).toBe(3_085_000);
      } finally {
        await reopened.close();
      }
    } finally {
      await schema.drop();
    }
  });
});
