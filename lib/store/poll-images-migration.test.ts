import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshPostgresSchema, postgresBefore, sqliteBefore } from "@/test/store-backends";
import { defaultRequest } from "../models/defaults";
import { openPostgres } from "./open-postgres";
import { openSqlite } from "./open-sqlite";
import { createSqlStore } from "./sql-store";
import type { GenerationStore } from "./types";

/**
 * Polls made before their images were kept for them: the migration that adds `poll_images` keeps the images
 * those polls already show, on either backend, so deleting their comparison afterwards takes nothing from them;
 * the one that adds `poll_shown_images` records which of them shows which, so deleting one poll keeps what
 * another still shows.
 */

const request = JSON.stringify({ ...defaultRequest("wan2.6-t2i"), prompt: "A lighthouse" });
const items = JSON.stringify([
  { prompt: "A lighthouse", candidates: [{ generationId: "g1", imageId: "i1", model: "wan2.6-t2i" }, { generationId: "g2", imageId: "i2", model: "qwen-image" }] },
]);
/** A second poll showing one of the first poll's images. */
const otherItems = JSON.stringify([{ prompt: "A lighthouse", candidates: [{ generationId: "g1", imageId: "i1", model: "wan2.6-t2i" }] }]);
/** A poll of two generations (the second made two images), as a version without `poll_images` held it. */
const ROWS = `
  INSERT INTO generations (id, created_at, status, model, prompt, request_json, duration_ms, billed_images)
    VALUES ('g1', 1, 'succeeded', 'wan2.6-t2i', 'A lighthouse', '${request}', 700, 1), ('g2', 1, 'succeeded', 'qwen-image', 'A lighthouse', '${request}', 800, NULL);
  INSERT INTO images (id, generation_id, position, width, height, mime, bytes)
    VALUES ('i1', 'g1', 0, 1024, 768, 'image/png', 10), ('i2', 'g2', 0, 768, 1024, 'image/png', 20), ('i2b', 'g2', 1, 768, 1024, 'image/png', 20);
  INSERT INTO polls (id, token, created_at, title, reveal, access, items_json) VALUES ('p1', 't1', 1, 'Which?', 'on_close', 'link', '${items}'),
    ('p2', 't2', 2, 'And this?', 'on_close', 'link', '${otherItems}');`;

const migrated = async (store: GenerationStore) => {
  try {
    // Read as polls made now, with nothing kept of what they left out: their sets were not read for it then.
    expect(await store.getPoll("p1")).toMatchObject({ title: "Which?", leftOut: [] });
    const kept = await store.pollImages(["i1", "i2", "i2b"]);
    expect(kept.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: "i1", generationId: "g1", width: 1024, height: 768, mime: "image/png", bytes: 10, durationMs: 700, billedImages: 1, generationImages: 1 },
      { id: "i2", generationId: "g2", width: 768, height: 1024, mime: "image/png", bytes: 20, durationMs: 800, billedImages: null, generationImages: 2 },
    ]);
    expect(await store.delete("g2", 2)).toEqual({ imageIds: ["i2b"] });
    // Which poll shows which image was filled for them too: i1 stays kept while the second poll shows it.
    expect(await store.deletePoll("p1")).toEqual({ imageIds: ["i2"] });
    expect((await store.pollImages(["i1", "i2"])).map((image) => image.id)).toEqual(["i1"]);
    expect(await store.deletePoll("p2")).toEqual({ imageIds: [] });
    expect(await store.pollImages(["i1"])).toEqual([]);
  } finally {
    await store.close();
  }
};

describe("the images of polls made before they were kept", () => {
  it("are kept by the migration on SQLite", async () => {
    const dir = mkdtempSync(join(tmpdir(), "poll-images-"));
    try {
      const file = join(dir, "history.db");
      sqliteBefore(file, "CREATE TABLE poll_images", [ROWS]);
      await migrated(createSqlStore(openSqlite(file)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("are kept by the migration on PostgreSQL", async () => {
    const schema = await freshPostgresSchema();
    try {
      await postgresBefore(schema.url, "CREATE TABLE poll_images", [ROWS]);
      await migrated(createSqlStore(await openPostgres(schema.url, { maxConnections: 2 })));
    } finally {
      await schema.drop();
    }
  });
});
