import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshS3Config } from "@/test/image-backends";
import { freshPostgresSchema } from "@/test/store-backends";
import { defaultEdit } from "../edit/edit-defaults";
import { createFeed } from "../events/feed";
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
  await store.createPoll({ id: "poll-1", token: "token-1", createdAt: 8_000, title: "Lanterns", reveal: "on_close", access: "link", closedAt: null, items: [{ prompt: "a lantern", candidates }], leftOut: [{ prompt: "a lantern", item: 0, missing: [{ model: "qwen-image-max", status: "failed" }], whole: false }] });
  await store.delete("gen-0001", 8_100);
};

describe("moving an embedded history up", () => {
  it("copies every record and image, and a second run copies nothing and changes nothing", async () => {
    await seed(12);
    const progress: MoveProgress[] = [];
    const first = await moveHistory(source, target, (step) => progress.push(step));
    expect(first.images).toEqual({ copied: 13, skipped: 0, missing: 0 });
    expect(first.records.skipped).toBe(0);
    expect(first.resumed).toBe(false);
    expect(progress.at(-1)).toEqual({ phase: "records", table: "poll_shown_images", done: first.records.copied, total: first.records.copied });
    expect(progress.filter((step) => step.phase === "images")).toHaveLength(13);
    expect(progress.every((step, index) => step.done >= (progress[index - 1]?.done ?? 0))).toBe(true);

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
    expect(second).toEqual({ images: { copied: 0, skipped: 13, missing: 0 }, records: { copied: 0, skipped: first.records.copied }, resumed: true, kept: [] });
    expect(await target.store.imagesUsed("2026-12-02")).toBe(7);
  });

  it("resumes its own interrupted run, in pages larger than one batch", async () => {
    await seed(620, { files: false });
    const records = { database: target.database, images: null };
    const stop = new Error("interrupted");
    let copiedBefore = 0;
    await expect(
      moveHistory(source, records, (step) => {
        copiedBefore = step.done;
        if (step.done >= 500) throw stop;
      }),
    ).rejects.toBe(stop);
    const partly = await target.store.list({ limit: 1000 });
    expect(partly.items.length).toBeGreaterThan(0);
    expect(partly.items.length).toBeLessThan(622);

    const rest = await moveHistory(source, records);
    // Told apart from a target holding someone else's rows: what is there is this history's, from its run before.
    expect(rest.resumed).toBe(true);
    expect(rest.records.skipped).toBe(copiedBefore);
    expect(rest.records.copied).toBeGreaterThan(0);
    const whole = await target.store.list({ limit: 1000 });
    expect(whole).toEqual(await source.store.list({ limit: 1000 }));
  });

  it("copies each batch's images just before its records, so no copied image waits for the record that owns it", async () => {
    await seed(12);
    const stop = new Error("interrupted");
    // Stopped once the generations are in, before their images' records.
    await expect(
      moveHistory(source, target, (step) => {
        if (step.phase === "records" && step.done >= 3) throw stop;
      }),
    ).rejects.toBe(stop);
    const orphans = async () => target.images.sweep(await target.store.imageIds(), Date.now() + 3_600_000);
    // What a team instance's hourly sweep would take now: nothing.
    expect(await orphans()).toBe(0);
    expect(await target.images.has("input-0001")).toBe(true);
    expect(await target.images.has("img-0000-0000")).toBe(false);

    const rest = await moveHistory(source, target);
    expect(rest.images).toEqual({ copied: 12, skipped: 1, missing: 0 });
    expect(await orphans()).toBe(0);
    expect(await target.images.read("img-0011-0000", "full")).toEqual(Buffer.from("full img-0011-0000"));
    expect(await target.images.read("img-0001-0000", "thumb")).toEqual(Buffer.from("thumb img-0001-0000"));
  });

  it("moves every vote of a poll item holding more votes than a batch", async () => {
    const { db } = source.database;
    await db.insertInto("polls").values({ id: "poll-1", token: "t".repeat(22), created_at: 1, title: "Which fox?", reveal: "on_close", access: "link", closed_at: null, items_json: "[]", left_out_json: "[]" }).execute();
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
    expect(imagesOnly).toEqual({ images: { copied: 4, skipped: 0, missing: 0 }, records: { copied: 0, skipped: 0 }, resumed: false, kept: [] });
    expect(await target.images.has(randomUUID())).toBe(false);
  });

  it("refuses a target that holds the team's history, saying what it holds, and leaves it untouched", async () => {
    await seed(3);
    await target.store.create({ id: "team-1", createdAt: 1_000, request: { ...defaultRequest("wan2.6-t2i"), prompt: "the team's" } });
    await target.store.reserveImages("2026-12-02", 30, null);
    await target.store.addSpend("2026-12-02", "wan2.6-t2i", 30);
    await target.store.savePromptList({ name: "Animals", items: ["team"], updatedAt: 1 }, 100);
    await source.store.savePromptList({ name: "Animals", items: ["mine"], updatedAt: 2 }, 100);
    const before = await everything(target.database);

    const refused = moveHistory(source, target);
    await expect(refused).rejects.toThrow(/already holds a history: there are rows in generations, usage, spend, prompt_lists\./);
    await expect(refused).rejects.toThrow(/Stop every playground instance on that DATABASE_URL and bucket/);
    expect(await everything(target.database)).toEqual(before);
    expect(await target.images.has("img-0000-0000")).toBe(false);
    expect(await target.store.imagesUsed("2026-12-02")).toBe(30);
  });

  it("keeps what the target made itself, and says so: its instances' session secret, a list edited there since", async () => {
    await target.store.settingOnce("session_secret", "the-team-instances-secret");
    await target.store.revokeSession("team-session", 99_000, 1_000);
    await source.store.savePromptList({ name: "Animals", items: ["mine"], updatedAt: 2 }, 100);
    await seed(1);
    const first = await moveHistory(source, target);
    expect(first.kept).toEqual([{ table: "settings", key: "session_secret" }]);
    expect(first.records.skipped).toBe(0);
    expect(await target.store.settingOnce("session_secret", "another")).toBe("the-team-instances-secret");
    expect(await target.store.isSessionRevoked("team-session")).toBe(true);
    expect(await target.store.isSessionRevoked("session-1")).toBe(true);

    // A list edited on the target logs no change, so the log cannot tell the run after: the row itself does.
    await target.store.savePromptList({ name: "Animals", items: ["team"], updatedAt: 3 }, 100);
    const again = await moveHistory(source, target);
    expect(again.kept).toEqual([{ table: "settings", key: "session_secret" }, { table: "prompt_lists", key: "Animals" }]);
    expect(again.records).toEqual({ copied: 0, skipped: first.records.copied - 1 });
  });

  it("refuses to go on once the target is another history's, or either side was written to since it began", async () => {
    await seed(2);
    await moveHistory(source, target);
    const moved = await everything(target.database);

    // Another embedded history, into the same target.
    const otherDatabase = openSqlite(join(dir, "other.db"));
    const other = createSqlStore(otherDatabase);
    try {
      await other.create({ id: "other-1", createdAt: 1, request: defaultRequest("wan2.6-t2i") });
      await expect(moveHistory({ database: otherDatabase, images: source.images }, target)).rejects.toThrow(/Another history's move into the target database began on /);
    } finally {
      await other.close();
    }
    expect(await everything(target.database)).toEqual(moved);

    // The embedded history, used again after its move began.
    await source.store.setStarred("gen-0000", true);
    await expect(moveHistory(source, target)).rejects.toThrow(/The embedded history has changed since its move began/);
    expect(await everything(target.database)).toEqual(moved);

    // An instance writing to the target: refused for that, whatever the source did.
    await target.store.create({ id: "team-1", createdAt: 9_000, request: defaultRequest("wan2.6-t2i") });
    await expect(moveHistory(source, target)).rejects.toThrow(/has been written to since this history's move into it began/);
  });

  it("starts the target's change log past the source's, so a page's Last-Event-ID from before reads afresh", async () => {
    await seed(3);
    const { last } = await source.store.changeBounds();
    expect(last).toBeGreaterThan(3);
    await moveHistory(source, target);
    const feed = createFeed({ store: target.store, usage: async () => null });
    try {
      /** The first frame a page that last saw `cursor` gets: resumed, or told to read its history afresh. */
      const hello = async (cursor: number) => {
        const frames: string[] = [];
        const stop = await feed.subscribe(cursor, (frame) => frames.push(new TextDecoder().decode(frame)));
        stop();
        return frames[0];
      };
      // Every cursor a page of the embedded history can hold: with the log still empty each lies past its end.
      for (const cursor of [1, last - 1, last]) expect(await hello(cursor)).toContain('"resumed":false');
      await target.store.create({ id: "after-move", createdAt: 9_000, request: defaultRequest("wan2.6-t2i") });
      const bounds = await target.store.changeBounds();
      expect(bounds.first).toBeGreaterThan(last + 1);
      for (const cursor of [0, 1, last - 1, last]) expect(await hello(cursor)).toContain('"resumed":false');
      // A page that saw the target's own first change resumes from it as ever.
      expect(await hello(bounds.first)).toContain('"resumed":true');
    } finally {
      feed.close();
    }
  });
});

/** Every row of every table, in a stable order: what "left untouched" compares. */
const everything = async ({ db }: SqlDatabase) => {
  const tables = ["comparisons", "inputs", "generations", "images", "shares", "usage", "spend", "revoked_sessions", "settings", "changes", "prompt_lists", "polls", "poll_votes", "poll_images", "poll_shown_images"] as const;
  const rows = await Promise.all(tables.map(async (table) => [table, (await db.selectFrom(table).selectAll().execute()).map((row) => JSON.stringify(row)).sort()] as const));
  return Object.fromEntries(rows);
};
