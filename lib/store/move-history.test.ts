import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshS3Config } from "@/test/image-backends";
import { freshPostgresSchema } from "@/test/store-backends";
import { defaultEdit } from "../edit/edit-defaults";
import { defaultRequest } from "../models/defaults";
import { createImageFiles } from "./image-files";
import { moveHistory, type MoveProgress } from "./move-history";
import { openPostgres } from "./open-postgres";
import { openSqlite } from "./open-sqlite";
import { createS3Images } from "./s3-images";
import type { SqlDatabase } from "./schema";
import { createSqlStore } from "./sql-store";
import type { GenerationStore, ImageStore } from "./types";

/** Moving an embedded history up to PostgreSQL and a real S3-compatible bucket, and moving it again. */

let dir: string;
let source: { database: SqlDatabase; store: GenerationStore; images: ImageStore };
let target: { database: SqlDatabase; store: GenerationStore; images: ImageStore; drop(): Promise<void> };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "move-"));
  const database = openSqlite(join(dir, "playground.db"));
  source = { database, store: createSqlStore(database), images: await createImageFiles(join(dir, "images")) };
  const schema = await freshPostgresSchema();
  const postgres = await openPostgres(schema.url);
  target = { database: postgres, store: createSqlStore(postgres), images: await createS3Images(await freshS3Config()), drop: schema.drop };
});
afterEach(async () => {
  await source.store.close();
  await target.store.close();
  await target.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** A history of every kind: generations with images, a comparison, an edit with its input, a share, budgets. */
const seed = async (generations: number, { files = true } = {}) => {
  const { store, images } = source;
  const put = async (id: string) => (files ? images.put(id, Buffer.from(`full ${id}`), Buffer.from(`thumb ${id}`)) : undefined);
  for (let index = 0; index < generations; index++) {
    const id = `gen-${String(index).padStart(4, "0")}`;
    await store.create({ id, createdAt: 1_000 + index, request: { ...defaultRequest("wan2.6-t2i"), prompt: `a lantern ${index}` } });
    const imageId = `img-${String(index).padStart(4, "0")}-0000`;
    await put(imageId);
    await store.complete(id, { finishedAt: 2_000 + index, durationMs: 900, images: [{ id: imageId, position: 0, width: 64, height: 64, mime: "image/png", bytes: 10, revisedPrompt: `revised ${index}` }] });
  }
  const comparison = await store.createComparison({
    id: "cmp-1",
    createdAt: 5_000,
    request: { models: ["wan2.6-t2i", "qwen-image"], prompt: "a fox", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 5, promptExtend: true, watermark: false, blind: false },
    seed: 5,
    columns: [{ id: "col-1", request: { ...defaultRequest("wan2.6-t2i"), prompt: "a fox" } }, { id: "col-2", request: { ...defaultRequest("qwen-image"), prompt: "a fox" } }],
  });
  await put("input-0001");
  await store.createInput({ id: "input-0001", createdAt: 6_000, width: 800, height: 600, mime: "image/png", bytes: 20, thumbBytes: 2, sha256: "abc", from: null });
  await store.create({ id: "edit-1", createdAt: 6_100, request: { ...defaultEdit("qwen-image-edit", { id: "input-0001", width: 800, height: 600 }), prompt: "make it stormy" } });
  await store.createShare({ id: "share-1", createdAt: 7_000, title: "Demo", entries: [{ kind: "comparison", id: comparison.id }, { kind: "generation", id: "gen-0000" }] });
  await store.reserveImages("2026-12-02", 7, null);
  await store.addSpend("2026-12-02", "wan2.6-t2i", 3);
  await store.addSpend("2026-12-02", "qwen-image", 1);
  await store.revokeSession("session-1", 99_000, 1_000);
  await store.settingOnce("session_secret", "the-secret-every-signed-in-browser-holds");
  // A poll of two generations, one deleted since: its image is on record only as the poll keeps it.
  const candidates = ["wan2.6-t2i", "qwen-image"].map((model, index) => ({ generationId: `gen-000${index}`, imageId: `img-000${index}-0000`, model }));
  await store.createPoll({ id: "poll-1", token: "token-1", createdAt: 8_000, title: "Lanterns", reveal: "on_close", access: "link", closedAt: null, items: [{ prompt: "a lantern", candidates }] });
  await store.delete("gen-0001", 8_100);
};

describe("moving an embedded history up", () => {
  it("copies every record and image, and a second run copies nothing and changes nothing", async () => {
    await seed(12);
    const progress: MoveProgress[] = [];
    const first = await moveHistory(source, target, (step) => progress.push(step));
    expect(first.images).toEqual({ copied: 13, skipped: 0, missing: 0 });
    expect(first.records.skipped).toBe(0);
    expect(progress.at(-1)).toEqual({ phase: "records", done: first.records.copied, total: first.records.copied });
    expect(progress.filter((step) => step.phase === "images").at(-1)).toEqual({ phase: "images", done: 13, total: 13 });

    // Everything reads the same from the target as from the source.
    expect(await target.store.list({ limit: 100 })).toEqual(await source.store.list({ limit: 100 }));
    expect(await target.store.getShare("share-1")).toEqual(await source.store.getShare("share-1"));
    expect(await target.store.input("input-0001")).toEqual(await source.store.input("input-0001"));
    expect(await target.store.imagesUsed("2026-12-02")).toBe(7);
    expect(await target.store.spendOn("2026-12-02")).toEqual([{ model: "qwen-image", images: 1 }, { model: "wan2.6-t2i", images: 3 }]);
    expect(await target.store.isSessionRevoked("session-1")).toBe(true);
    // The same secret: a browser signed in before the move stays signed in.
    expect(await target.store.settingOnce("session_secret", "another")).toBe("the-secret-every-signed-in-browser-holds");
    expect(await target.images.read("img-0007-0000", "full")).toEqual(Buffer.from("full img-0007-0000"));
    expect(await target.images.read("input-0001", "thumb")).toEqual(Buffer.from("thumb input-0001"));
    expect(await target.store.getPoll("poll-1")).toEqual(await source.store.getPoll("poll-1"));
    expect(await target.store.pollImages(["img-0000-0000", "img-0001-0000"])).toEqual(await source.store.pollImages(["img-0000-0000", "img-0001-0000"]));
    expect(await target.images.read("img-0001-0000", "full")).toEqual(Buffer.from("full img-0001-0000"));
    // Which poll shows which image: without it a delete of the poll on the target would keep its images.
    const shown = (database: SqlDatabase) => database.db.selectFrom("poll_shown_images").selectAll().orderBy("image_id").execute();
    expect(await shown(target.database)).toEqual(await shown(source.database));
    expect(await shown(target.database)).toHaveLength(2);

    const second = await moveHistory(source, target);
    expect(second).toEqual({ images: { copied: 0, skipped: 13, missing: 0 }, records: { copied: 0, skipped: first.records.copied } });
    expect(await target.store.imagesUsed("2026-12-02")).toBe(7);
  });

  it("finishes what an interrupted run started, in pages larger than one batch", async () => {
    await seed(620, { files: false });
    const records = { database: target.database, images: null };
    const stop = new Error("interrupted");
    await expect(
      moveHistory(source, records, (step) => {
        if (step.phase === "records" && step.done >= 500) throw stop;
      }),
    ).rejects.toBe(stop);
    const partly = await target.store.list({ limit: 1000 });
    expect(partly.items.length).toBeGreaterThan(0);
    expect(partly.items.length).toBeLessThan(622);

    const rest = await moveHistory(source, records);
    expect(rest.records.skipped).toBeGreaterThan(0);
    expect(rest.records.copied).toBeGreaterThan(0);
    const whole = await target.store.list({ limit: 1000 });
    expect(whole.items.map((item) => item.id)).toEqual((await source.store.list({ limit: 1000 })).items.map((item) => item.id));
  });

  it("moves every vote of a poll item holding more votes than a batch", async () => {
    const { db } = source.database;
    await db.insertInto("polls").values({ id: "poll-1", token: "t".repeat(22), created_at: 1, title: "Which fox?", reveal: "on_close", access: "link", closed_at: null, items_json: "[]" }).execute();
    const votes = Array.from({ length: 620 }, (_, index) => ({ poll_id: "poll-1", item: 0, voter: `voter-${String(index).padStart(4, "0")}`, choice: "tie", created_at: 2 }));
    for (let start = 0; start < votes.length; start += 200) await db.insertInto("poll_votes").values(votes.slice(start, start + 200)).execute();
    await moveHistory(source, { database: target.database, images: null });
    expect(await target.store.pollVotes("poll-1")).toHaveLength(620);
  });

  it("moves only what has a new home: records alone, or images alone", async () => {
    await seed(3);
    const recordsOnly = await moveHistory(source, { database: target.database, images: null });
    expect(recordsOnly.images).toEqual({ copied: 0, skipped: 0, missing: 0 });
    expect(await target.images.has("img-0000-0000")).toBe(false);
    const imagesOnly = await moveHistory(source, { database: null, images: target.images });
    expect(imagesOnly).toEqual({ images: { copied: 4, skipped: 0, missing: 0 }, records: { copied: 0, skipped: 0 } });
    expect(await target.images.has(randomUUID())).toBe(false);
  });
});
