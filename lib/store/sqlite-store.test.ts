import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GenerationView } from "../generation/view";
import { defaultRequest } from "../models/defaults";
import type { ModelId } from "../models/registry";
import type { GenerateRequest } from "../models/request-schema";
import { MIGRATIONS } from "./migrations";
import { openSqliteStore } from "./sqlite-store";
import type { GenerationStore, StoredImage } from "./types";

/** The SQLite history on a real file in a temporary folder. */

let dir: string;
let file: string;
let store: GenerationStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sqlite-store-"));
  file = join(dir, "history.db");
  store = openSqliteStore(file);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const request = (prompt: string, model: ModelId = "wan2.6-t2i"): GenerateRequest => ({ ...defaultRequest(model), prompt });

const image = (position: number, revisedPrompt = ""): StoredImage => ({
  id: randomUUID(),
  position,
  width: 1024,
  height: 768,
  mime: "image/png",
  bytes: 1000 + position,
  revisedPrompt,
});

/** Creates a generation with a fresh id; `createdAt` defaults to a counter so records come in a known order. */
let clock = 1_700_000_000_000;
const create = (prompt: string, options: { createdAt?: number; model?: ModelId; id?: string } = {}): GenerationView =>
  store.create({ id: options.id ?? randomUUID(), createdAt: options.createdAt ?? (clock += 1000), request: request(prompt, options.model) });

const succeed = (id: string, images: readonly StoredImage[] = [image(0)]) =>
  store.complete(id, { finishedAt: clock + 500, durationMs: 400, images });

/** Follows nextCursor until the end; returns every page's ids. */
const walk = (query: Omit<Parameters<GenerationStore["list"]>[0], "cursor">): string[][] => {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page = store.list({ ...query, cursor });
    pages.push(page.items.map((item) => item.id));
    cursor = page.nextCursor;
    if (pages.length > 100) throw new Error("paging never ends");
  } while (cursor !== null);
  return pages;
};

const ids = (query: Parameters<GenerationStore["list"]>[0]) => store.list({ ...query }).items.map((item) => item.id);

describe("a generation's life", () => {
  it("starts running, with the request exactly as given, no images and not starred", () => {
    const given = { ...request("a lighthouse at dusk", "wan2.2-t2i-flash"), negativePrompt: "blurry", seed: 42, n: 2 };
    const created = store.create({ id: "gen-1", createdAt: 1234, request: given });
    expect(created).toEqual({
      kind: "generation",
      id: "gen-1",
      comparisonId: null,
      status: "running",
      createdAt: 1234,
      finishedAt: null,
      request: given,
      seed: null,
      durationMs: null,
      error: null,
      starred: false,
      requestId: null,
      taskId: null,
      billedImages: null,
      notices: [],
      images: [],
      input: null,
      chain: [],
    });
    expect(store.get("gen-1")).toEqual(created);
  });

  it("records the seed when the request is sent", () => {
    const { id } = create("a fox");
    store.markSent(id, 987654);
    expect(store.get(id)?.seed).toBe(987654);
  });

  it("commits the images in position order with their links, and marks the generation succeeded", () => {
    const { id, createdAt } = create("two cats");
    store.markSent(id, 7);
    const second = image(1, "two cats, second take");
    const first = image(0, "two cats, first take");
    const done = store.complete(id, { finishedAt: createdAt + 900, durationMs: 850, images: [second, first] });
    expect(done).toMatchObject({ status: "succeeded", seed: 7, finishedAt: createdAt + 900, durationMs: 850, error: null });
    expect(done?.images).toEqual([
      {
        id: first.id,
        width: 1024,
        height: 768,
        revisedPrompt: "two cats, first take",
        src: `/api/images/${first.id}`,
        thumbSrc: `/api/images/${first.id}/thumb`,
        downloadSrc: `/api/images/${first.id}/download`,
      },
      {
        id: second.id,
        width: 1024,
        height: 768,
        revisedPrompt: "two cats, second take",
        src: `/api/images/${second.id}`,
        thumbSrc: `/api/images/${second.id}/thumb`,
        downloadSrc: `/api/images/${second.id}/download`,
      },
    ]);
    expect(store.get(id)).toEqual(done);
    expect(store.image(second.id)).toEqual({ ...second, generationId: id });
    expect(store.imageIds()).toEqual(new Set([first.id, second.id]));
  });

  it("refuses to complete or fail a generation that has already finished, and changes nothing", () => {
    const { id } = create("already done");
    succeed(id);
    const before = store.get(id);
    const late = image(5);
    expect(store.complete(id, { finishedAt: 1, durationMs: 1, images: [late] })).toBeNull();
    expect(store.fail(id, { finishedAt: 2, status: "failed", error: { code: "timeout", message: "too slow", retryAfterSeconds: null } })).toBeNull();
    expect(store.fail(id, { finishedAt: 3, status: "cancelled", error: null })).toBeNull();
    store.markSent(id, 1);
    expect(store.get(id)).toEqual(before);
    expect(store.image(late.id)).toBeNull();
  });

  it("refuses to complete a generation that was cancelled, and keeps no images for it", () => {
    const { id } = create("cancelled early");
    const cancelled = store.fail(id, { finishedAt: 5, status: "cancelled", error: null });
    const late = image(0);
    expect(store.complete(id, { finishedAt: 6, durationMs: 6, images: [late] })).toBeNull();
    expect(store.get(id)).toEqual(cancelled);
    expect(store.imageIds().has(late.id)).toBe(false);
  });

  it("commits all or nothing: when one image cannot be stored, the generation stays running with no images", () => {
    const { id } = create("half a commit");
    const clash = image(0);
    expect(() => store.complete(id, { finishedAt: 1, durationMs: 1, images: [clash, { ...clash, position: 1 }] })).toThrow();
    expect(store.get(id)).toMatchObject({ status: "running", finishedAt: null, durationMs: null, images: [] });
    expect(store.imageIds().size).toBe(0);
    expect(succeed(id)?.status).toBe("succeeded");
  });

  it("returns null when completing or failing a generation that does not exist", () => {
    expect(store.complete("nope", { finishedAt: 1, durationMs: 1, images: [image(0)] })).toBeNull();
    expect(store.fail("nope", { finishedAt: 1, status: "cancelled", error: null })).toBeNull();
    expect(store.imageIds().size).toBe(0);
  });

  it("keeps a failure's code, message and retry-after", () => {
    const { id } = create("rate limited");
    const failed = store.fail(id, {
      finishedAt: 77,
      status: "failed",
      error: { code: "rate_limited", message: "Try again in 9 seconds.", retryAfterSeconds: 9 },
    });
    expect(failed).toMatchObject({
      status: "failed",
      finishedAt: 77,
      error: { code: "rate_limited", message: "Try again in 9 seconds.", retryAfterSeconds: 9 },
      images: [],
    });
    expect(store.get(id)).toEqual(failed);
  });

  it("keeps a failure without retry-after as null", () => {
    const { id } = create("refused");
    expect(store.fail(id, { finishedAt: 1, status: "failed", error: { code: "moderation_refused", message: "Refused.", retryAfterSeconds: null } })?.error).toEqual({
      code: "moderation_refused",
      message: "Refused.",
      retryAfterSeconds: null,
    });
  });

  it("stores no error for a cancelled generation", () => {
    const { id } = create("changed my mind");
    expect(store.fail(id, { finishedAt: 10, status: "cancelled", error: null })).toMatchObject({ status: "cancelled", finishedAt: 10, error: null });
  });
});

describe("what the gateway said of a call", () => {
  it("keeps a task's ids while it runs, and the answer's ids, billed count and notices when it ends", () => {
    const { id } = create("a task");
    store.markUpstream(id, { requestId: "req-submit", taskId: "task-1" });
    expect(store.get(id)).toMatchObject({ status: "running", requestId: "req-submit", taskId: "task-1", billedImages: null, notices: [] });
    const done = store.complete(id, {
      finishedAt: 5,
      durationMs: 4,
      images: [image(0)],
      upstream: { requestId: null, taskId: "task-1" },
      billedImages: 1,
      notices: ["The gateway returned 1 of the 2 images asked for."],
    });
    // An id the end does not repeat is not lost.
    expect(done).toMatchObject({ requestId: "req-submit", taskId: "task-1", billedImages: 1, notices: ["The gateway returned 1 of the 2 images asked for."] });
    store.markUpstream(id, { requestId: "too-late", taskId: null });
    expect(store.get(id)?.requestId).toBe("req-submit");
  });

  it("keeps a failure's ids", () => {
    const { id } = create("refused");
    const failed = store.fail(id, { finishedAt: 1, status: "failed", error: { code: "moderation_refused", message: "Refused.", retryAfterSeconds: null }, upstream: { requestId: "req-9", taskId: null } });
    expect(failed).toMatchObject({ requestId: "req-9", taskId: null, billedImages: null });
  });

  it("corrects the day's count both ways, never below 0 and past the limit when the gateway billed more", () => {
    expect(store.reserveImages("2026-12-02", 4, 5)).toBe(true);
    store.adjustImages("2026-12-02", -1);
    expect(store.imagesUsed("2026-12-02")).toBe(3);
    store.adjustImages("2026-12-02", 6);
    expect(store.imagesUsed("2026-12-02")).toBe(9);
    store.adjustImages("2026-12-02", -20);
    expect(store.imagesUsed("2026-12-02")).toBe(0);
    store.adjustImages("2026-12-03", 2);
    expect(store.imagesUsed("2026-12-03")).toBe(2);
  });
});

describe("listing", () => {
  it("lists the newest first", () => {
    const a = create("first", { createdAt: 100 });
    const c = create("third", { createdAt: 300 });
    const b = create("second", { createdAt: 200 });
    const page = store.list({ limit: 10 });
    expect(page.items.map((item) => item.id)).toEqual([c.id, b.id, a.id]);
    expect(page.nextCursor).toBeNull();
  });

  it("returns an empty page for an empty history", () => {
    expect(store.list({ limit: 10 })).toEqual({ items: [], nextCursor: null });
  });

  it("walks 25 records in pages of 10 with no duplicates or gaps, even when several share a createdAt", () => {
    const created: GenerationView[] = [];
    for (let i = 0; i < 25; i++) {
      // Groups of five share a timestamp, so the id has to break the tie, including across page borders.
      created.push(create(`picture ${i}`, { createdAt: 5000 + Math.floor(i / 5) * 10, id: `gen-${String(i).padStart(2, "0")}-${randomUUID()}` }));
    }
    const pages = walk({ limit: 10 });
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
    const expected = [...created].sort((x, y) => y.createdAt - x.createdAt || (x.id < y.id ? 1 : -1)).map((item) => item.id);
    expect(pages.flat()).toEqual(expected);
    expect(new Set(pages.flat()).size).toBe(25);
  });

  it("pages through records that all share the same createdAt", () => {
    const created = Array.from({ length: 7 }, (_, i) => create(`same moment ${i}`, { createdAt: 42 }));
    const pages = walk({ limit: 3 });
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(created.map((item) => item.id).sort().reverse());
  });

  it("has no next page when the last page is exactly full", () => {
    for (let i = 0; i < 10; i++) create(`exact ${i}`);
    const first = store.list({ limit: 5 });
    expect(first.nextCursor).not.toBeNull();
    const second = store.list({ limit: 5, cursor: first.nextCursor });
    expect(second.items).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
  });

  it("includes each listed generation's images in position order", () => {
    const { id } = create("with images");
    const images = [image(2, "c"), image(0, "a"), image(1, "b")];
    succeed(id, images);
    create("without images");
    const listed = store.list({ limit: 10 }).items.find((item) => item.id === id);
    expect(listed?.kind === "generation" && listed.images.map((item) => item.revisedPrompt)).toEqual(["a", "b", "c"]);
    expect(listed).toEqual(store.get(id));
  });
});

describe("listing with filters", () => {
  let fox: GenerationView;
  let whale: GenerationView;
  let chinese: GenerationView;
  let car: GenerationView;
  let lookalike: GenerationView;

  beforeEach(() => {
    fox = create("A Red Fox in the snow");
    succeed(fox.id, [image(0, "a crimson fox, winter forest, soft light")]);
    whale = create("blue whale 100% real_photo", { model: "wan2.2-t2i-flash" });
    store.fail(whale.id, { finishedAt: clock, status: "failed", error: { code: "timeout", message: "slow", retryAfterSeconds: null } });
    chinese = create("一只在雪地里的红狐狸");
    car = create("red car on a wet road", { model: "qwen-image-2.0-pro" });
    succeed(car.id);
    store.setStarred(car.id, true);
    lookalike = create("100 percent realXphoto", { model: "wan2.2-t2i-flash" });
    succeed(lookalike.id);
  });

  it("finds words in the prompt, ignoring ASCII case", () => {
    expect(ids({ limit: 10, q: "fox" })).toEqual([fox.id]);
    expect(ids({ limit: 10, q: "RED" })).toEqual([car.id, fox.id]);
    expect(ids({ limit: 10, q: "WhAlE" })).toEqual([whale.id]);
  });

  it("finds words in a revised prompt", () => {
    expect(ids({ limit: 10, q: "crimson" })).toEqual([fox.id]);
    expect(ids({ limit: 10, q: "WINTER forest" })).toEqual([fox.id]);
  });

  it("requires every word to match, in the prompt or a revised prompt", () => {
    expect(ids({ limit: 10, q: "red fox" })).toEqual([fox.id]);
    expect(ids({ limit: 10, q: "snow crimson" })).toEqual([fox.id]);
    expect(ids({ limit: 10, q: "red whale" })).toEqual([]);
    expect(ids({ limit: 10, q: "  red   car  " })).toEqual([car.id]);
  });

  it("treats % and _ in the query as plain characters", () => {
    expect(ids({ limit: 10, q: "100%" })).toEqual([whale.id]);
    expect(ids({ limit: 10, q: "real_photo" })).toEqual([whale.id]);
    expect(ids({ limit: 10, q: "_" })).toEqual([whale.id]);
    expect(ids({ limit: 10, q: "%" })).toEqual([whale.id]);
    expect(ids({ limit: 10, q: "\\" })).toEqual([]);
  });

  it("finds Chinese text", () => {
    expect(ids({ limit: 10, q: "红狐狸" })).toEqual([chinese.id]);
    expect(ids({ limit: 10, q: "雪地 狐狸" })).toEqual([chinese.id]);
    expect(ids({ limit: 10, q: "白狐狸" })).toEqual([]);
  });

  it("lists everything for an empty or blank query", () => {
    expect(ids({ limit: 10, q: "" })).toHaveLength(5);
    expect(ids({ limit: 10, q: "   " })).toHaveLength(5);
  });

  it("filters by model", () => {
    expect(ids({ limit: 10, model: "wan2.2-t2i-flash" })).toEqual([lookalike.id, whale.id]);
    expect(ids({ limit: 10, model: "wanx2.0-t2i-turbo" })).toEqual([]);
  });

  it("filters by status", () => {
    expect(ids({ limit: 10, status: "succeeded" })).toEqual([lookalike.id, car.id, fox.id]);
    expect(ids({ limit: 10, status: "failed" })).toEqual([whale.id]);
    expect(ids({ limit: 10, status: "running" })).toEqual([chinese.id]);
    expect(ids({ limit: 10, status: "interrupted" })).toEqual([]);
  });

  it("filters by starred, and ignores starred: false", () => {
    expect(ids({ limit: 10, starred: true })).toEqual([car.id]);
    expect(ids({ limit: 10, starred: false })).toHaveLength(5);
  });

  it("combines filters", () => {
    expect(ids({ limit: 10, q: "red", status: "succeeded", model: "wan2.6-t2i" })).toEqual([fox.id]);
    expect(ids({ limit: 10, q: "red", starred: true })).toEqual([car.id]);
    expect(ids({ limit: 10, q: "fox", status: "failed" })).toEqual([]);
  });

  it("combines filters with paging", () => {
    const matching: string[] = [];
    for (let i = 0; i < 12; i++) {
      const model: ModelId = i % 2 === 0 ? "wanx2.1-t2i-plus" : "wan2.6-t2i";
      // Three records per timestamp, so ties fall inside the filtered set too.
      const { id } = create(i % 3 === 0 ? `Sunset number ${i}` : `sunrise number ${i}`, { model, createdAt: 9_000_000_000_000 + Math.floor(i / 3) });
      if (i % 4 === 0) store.setStarred(id, true);
      if (model === "wanx2.1-t2i-plus" && i % 3 !== 0) matching.push(id);
    }
    const query = { limit: 2, q: "SUNRISE number", model: "wanx2.1-t2i-plus" } as const;
    const pages = walk(query);
    expect(pages.flat().sort()).toEqual([...matching].sort());
    expect(new Set(pages.flat()).size).toBe(pages.flat().length);
    expect(pages.flat()).toEqual(ids({ ...query, limit: 100 }));
    expect(pages.at(-1)?.length).toBeGreaterThan(0);

    const starredPages = walk({ limit: 1, starred: true, q: "number" });
    expect(starredPages.flat()).toEqual(ids({ limit: 100, starred: true, q: "number" }));
    expect(starredPages.flat()).toHaveLength(3);
  });
});

describe("starring and deleting", () => {
  it("stars and unstars a generation", () => {
    const { id } = create("favourite");
    expect(store.setStarred(id, true)?.starred).toBe(true);
    expect(store.get(id)?.starred).toBe(true);
    expect(store.setStarred(id, false)?.starred).toBe(false);
    expect(store.get(id)?.starred).toBe(false);
  });

  it("deletes a generation with its image rows and returns the image ids for removing the files", () => {
    const { id } = create("to delete");
    const images = [image(1), image(0)];
    succeed(id, images);
    const kept = create("to keep");
    const keptImage = image(0);
    succeed(kept.id, [keptImage]);

    const deleted = store.delete(id, 0);
    expect(deleted?.imageIds.sort()).toEqual(images.map((item) => item.id).sort());
    expect(store.get(id)).toBeNull();
    for (const item of images) expect(store.image(item.id)).toBeNull();
    expect(store.imageIds()).toEqual(new Set([keptImage.id]));
    expect(ids({ limit: 10 })).toEqual([kept.id]);
  });

  it("returns null for unknown ids", () => {
    expect(store.get("missing")).toBeNull();
    expect(store.setStarred("missing", true)).toBeNull();
    expect(store.delete("missing", 0)).toBeNull();
    expect(store.image("missing")).toBeNull();
  });

  it("returns null when deleting the same generation twice", () => {
    const { id } = create("once");
    expect(store.delete(id, 0)).toEqual({ imageIds: [] });
    expect(store.delete(id, 0)).toBeNull();
  });
});

describe("after a restart", () => {
  it("marks every running generation interrupted, with a message and finish time, and leaves the others alone", () => {
    const running = [create("one"), create("two")];
    store.markSent(running[0]?.id ?? "", 5);
    const done = create("done");
    succeed(done.id);
    const failed = create("failed");
    store.fail(failed.id, { finishedAt: 3, status: "failed", error: { code: "timeout", message: "slow", retryAfterSeconds: null } });
    const cancelled = create("cancelled");
    store.fail(cancelled.id, { finishedAt: 4, status: "cancelled", error: null });
    const others = [done, failed, cancelled].map((item) => store.get(item.id));

    expect(store.markInterrupted(99_999)).toBe(2);
    for (const { id } of running) {
      const view = store.get(id);
      expect(view).toMatchObject({ status: "interrupted", finishedAt: 99_999, images: [] });
      expect(view?.error?.code).toBe("internal_error");
      expect(view?.error?.message).toMatch(/\S/);
    }
    expect(store.get(running[0]?.id ?? "")?.seed).toBe(5);
    expect([done, failed, cancelled].map((item) => store.get(item.id))).toEqual(others);
    expect(store.markInterrupted(100_000)).toBe(0);
  });

  it("keeps everything on disk across closing and reopening", () => {
    const { id } = create("persisted");
    succeed(id, [image(0, "kept")]);
    store.setStarred(id, true);
    const before = store.get(id);
    store.close();
    store = openSqliteStore(file);
    expect(store.get(id)).toEqual(before);
  });
});

describe("migrations", () => {
  it("brings a version-1 file up to date and keeps its records", () => {
    const old = join(dir, "old.db");
    const oldRequest = request("an old painting of a harbour");
    const raw = new Database(old);
    raw.exec(MIGRATIONS[0] ?? "");
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

    const migrated = openSqliteStore(old);
    try {
      const page = migrated.list({ limit: 10 });
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
      expect(migrated.list({ limit: 10, q: "harbour", status: "succeeded" }).items.map((item) => item.id)).toEqual(["old-gen"]);
      expect(migrated.setStarred("old-gen", true)?.starred).toBe(true);
      expect(migrated.list({ limit: 10, starred: true }).items.map((item) => item.id)).toEqual(["old-gen"]);
    } finally {
      migrated.close();
    }

    const check = new Database(old);
    try {
      expect(check.prepare("PRAGMA user_version").get()).toMatchObject({ user_version: MIGRATIONS.length });
    } finally {
      check.close();
    }
    // Opening again at the newest version applies nothing twice.
    const reopened = openSqliteStore(old);
    expect(reopened.get("old-gen")?.starred).toBe(true);
    reopened.close();
  });

  it("creates a new file at the newest version", () => {
    store.close();
    const check = new Database(file);
    try {
      expect(check.prepare("PRAGMA user_version").get()).toMatchObject({ user_version: MIGRATIONS.length });
    } finally {
      check.close();
    }
    store = openSqliteStore(file);
  });
});

describe("a cursor it never wrote", () => {
  it("is refused rather than silently read as the first page", () => {
    expect(() => store.list({ limit: 10, cursor: "garbage!" })).toThrow("That page of the history does not exist.");
  });
});

describe("signed-out sessions", () => {
  it("are remembered until they would have expired, then forgotten", () => {
    expect(store.isSessionRevoked("s1")).toBe(false);
    store.revokeSession("s1", 2_000, 1_000);
    expect(store.isSessionRevoked("s1")).toBe(true);
    store.revokeSession("s2", 9_000, 3_000);
    expect(store.isSessionRevoked("s1")).toBe(false);
    expect(store.isSessionRevoked("s2")).toBe(true);
  });
});
