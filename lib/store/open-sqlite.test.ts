import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultRequest } from "../models/defaults";
import { SQLITE_MIGRATIONS } from "./migrations";
import { openSqlite } from "./open-sqlite";
import { createSqlStore } from "./sql-store";

/** What only the embedded backend has: a file that outlives the process, and files written by older versions. */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "open-sqlite-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const userVersion = (file: string) => {
  const check = new Database(file);
  try {
    return (check.prepare("PRAGMA user_version").get() as { user_version: number }).user_version;
  } finally {
    check.close();
  }
};

describe("the SQLite file", () => {
  it("keeps everything across closing and reopening", async () => {
    const file = join(dir, "history.db");
    const store = createSqlStore(openSqlite(file));
    await store.create({ id: "kept", createdAt: 1_000, request: { ...defaultRequest("wan2.6-t2i"), prompt: "persisted" } });
    await store.complete("kept", { finishedAt: 2_000, durationMs: 900, images: [{ id: "kept-image-1", position: 0, width: 640, height: 480, mime: "image/png", bytes: 10, revisedPrompt: "kept" }] });
    await store.setStarred("kept", true);
    const before = await store.get("kept");
    await store.close();
    const reopened = createSqlStore(openSqlite(file));
    expect(await reopened.get("kept")).toEqual(before);
    await reopened.close();
  });

  it("is created at the newest version", async () => {
    const file = join(dir, "new.db");
    await createSqlStore(openSqlite(file)).close();
    expect(userVersion(file)).toBe(SQLITE_MIGRATIONS.length);
  });

  it("brings a version-1 file up to date and keeps its records", async () => {
    const old = join(dir, "old.db");
    const oldRequest = { ...defaultRequest("wan2.6-t2i"), prompt: "an old painting of a harbour" };
    const raw = new Database(old);
    raw.exec(SQLITE_MIGRATIONS[0] ?? "");
    raw.exec("PRAGMA user_version = 1");
    raw
      .prepare(
        "INSERT INTO generations (id, created_at, finished_at, status, model, prompt, request_json, seed, duration_ms) VALUES (?, ?, ?, 'succeeded', ?, ?, ?, ?, ?)",
      )
      .run("old-gen", 1000, 2000, oldRequest.model, oldRequest.prompt, JSON.stringify(oldRequest), 31, 900);
    raw
      .prepare("INSERT INTO images (id, generation_id, position, width, height, mime, bytes, revised_prompt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run("old-image-0001", "old-gen", 0, 640, 480, "image/png", 12345, "an old harbour, oil painting");
    raw.close();

    const migrated = createSqlStore(openSqlite(old));
    try {
      const page = await migrated.list({ limit: 10 });
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({
        id: "old-gen",
        status: "succeeded",
        createdAt: 1000,
        finishedAt: 2000,
        request: oldRequest,
        seed: 31,
        durationMs: 900,
        error: null,
        starred: false,
        requestId: null,
        notices: [],
        images: [{ id: "old-image-0001", width: 640, height: 480, revisedPrompt: "an old harbour, oil painting", src: "/api/images/old-image-0001" }],
      });
      expect((await migrated.list({ limit: 10, q: "harbour", status: "succeeded" })).items.map((item) => item.id)).toEqual(["old-gen"]);
      expect((await migrated.setStarred("old-gen", true))?.starred).toBe(true);
      expect((await migrated.list({ limit: 10, starred: true })).items.map((item) => item.id)).toEqual(["old-gen"]);
    } finally {
      await migrated.close();
    }
    expect(userVersion(old)).toBe(SQLITE_MIGRATIONS.length);
    // Opening again at the newest version applies nothing twice.
    const reopened = createSqlStore(openSqlite(old));
    expect((await reopened.get("old-gen"))?.starred).toBe(true);
    await reopened.close();
  });
});
