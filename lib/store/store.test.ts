import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { GenerationView } from "../generation/view";
import { defaultRequest } from "../models/defaults";
import type { ModelId } from "../models/registry";
import type { GenerateRequest } from "../models/request-schema";
import { freshStoreEachTest, holdingConnection, lockWaiters, onPostgresStore, STORE_BACKENDS } from "@/test/store-backends";
import { ADVISORY_LOCKS } from "./advisory-locks";
import { CapReached, type GenerationStore, type StoredImage } from "./types";

/** The history's records: one contract, run against SQLite and PostgreSQL alike. */

describe.each(STORE_BACKENDS)("on $name", (backend) => {
  const store = freshStoreEachTest(backend);

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
  const create = (prompt: string, options: { createdAt?: number; model?: ModelId; id?: string } = {}): Promise<GenerationView> =>
    store.create({ id: options.id ?? randomUUID(), createdAt: options.createdAt ?? (clock += 1000), request: request(prompt, options.model) });

  const succeed = (id: string, images: readonly StoredImage[] = [image(0)]) =>
    store.complete(id, { finishedAt: clock + 500, durationMs: 400, images });

  /** Follows nextCursor until the end; returns every page's ids. */
  const walk = async (query: Omit<Parameters<GenerationStore["list"]>[0], "cursor">): Promise<string[][]> => {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<GenerationStore["list"]>> = await store.list({ ...query, cursor });
      pages.push(page.items.map((item) => item.id));
      cursor = page.nextCursor;
      if (pages.length > 100) throw new Error("paging never ends");
    } while (cursor !== null);
    return pages;
  };

  const ids = async (query: Parameters<GenerationStore["list"]>[0]) => (await store.list({ ...query })).items.map((item) => item.id);

  describe("a generation's life", () => {
    it("starts running, with the request exactly as given, no images and not starred", async () => {
      const given = { ...request("a lighthouse at dusk", "wan2.2-t2i-flash"), negativePrompt: "blurry", seed: 42, n: 2 };
      const created = await store.create({ id: "gen-1", createdAt: 1234, request: given });
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
        stage: null,
        typicalMs: null,
        queuedAhead: null,
        timings: null,
        sentAt: null,
      });
      expect(await store.get("gen-1")).toEqual(created);
    });

    it("records the seed and the time when the request is sent", async () => {
      const { id, createdAt } = await create("a fox");
      await store.markSent(id, 987654, createdAt + 30);
      expect(await store.get(id)).toMatchObject({ seed: 987654, stage: "sent", sentAt: createdAt + 30 });
    });

    it("says what a running generation is doing, and when each step of a finished one ended", async () => {
      const { id, createdAt } = await create("a heron");
      await store.markSent(id, 1, clock);
      await store.markUpstream(id, { requestId: null, taskId: "task-1" });
      expect((await store.get(id))?.stage).toBe("working");
      await store.markStage(id, "storing");
      expect((await store.get(id))?.stage).toBe("storing");
      const timings = { sentAt: createdAt + 1, answeredAt: createdAt + 700, downloadedAt: createdAt + 750, storedAt: createdAt + 800 };
      const done = await store.complete(id, { finishedAt: createdAt + 810, durationMs: 700, images: [image(0)], timings });
      expect(done).toMatchObject({ stage: null, typicalMs: null, timings });
      await store.markStage(id, "downloading"); // too late: it has ended
      expect((await store.get(id))?.stage).toBeNull();
    });

    it("gives a running generation its model's typical time here: the median of its recent runs of that size", async () => {
      for (const ms of [4000, 6000, 30000]) {
        const { id, createdAt } = await create("a run", { model: "qwen-image" });
        await store.complete(id, { finishedAt: createdAt + ms, durationMs: ms, images: [image(0)] });
      }
      const running = await create("running now", { model: "qwen-image" });
      expect(running.typicalMs).toBe(6000);
      expect((await create("another model", { model: "wan2.6-t2i" })).typicalMs).toBeNull();
    });

    it("commits the images in position order with their links, and marks the generation succeeded", async () => {
      const { id, createdAt } = await create("two cats");
      await store.markSent(id, 7, clock);
      const second = image(1, "two cats, second take");
      const first = image(0, "two cats, first take");
      const done = await store.complete(id, { finishedAt: createdAt + 900, durationMs: 850, images: [second, first] });
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
      expect(await store.get(id)).toEqual(done);
      expect(await store.image(second.id)).toEqual({ ...second, generationId: id });
      expect(await store.imageIds()).toEqual(new Set([first.id, second.id]));
    });

    it("refuses to complete or fail a generation that has already finished, and changes nothing", async () => {
      const { id } = await create("already done");
      await succeed(id);
      const before = await store.get(id);
      const late = image(5);
      expect(await store.complete(id, { finishedAt: 1, durationMs: 1, images: [late] })).toBeNull();
      expect(await store.fail(id, { finishedAt: 2, status: "failed", error: { code: "timeout", message: "too slow", retryAfterSeconds: null } })).toBeNull();
      expect(await store.fail(id, { finishedAt: 3, status: "cancelled", error: null })).toBeNull();
      await store.markSent(id, 1, clock);
      expect(await store.get(id)).toEqual(before);
      expect(await store.image(late.id)).toBeNull();
    });

    it("completes a generation cancelled or interrupted while its answer was stored (billed, it stands), never a failed one", async () => {
      const cancelled = await create("cancelled once answered");
      await store.fail(cancelled.id, { finishedAt: 5, status: "cancelled", error: null, lingerUntil: Date.now() + 60_000 });
      const interrupted = await create("interrupted once answered");
      await store.markInterrupted(5);
      for (const { id } of [cancelled, interrupted]) {
        const late = image(0);
        expect(await store.complete(id, { finishedAt: 6, durationMs: 6, images: [late] })).toMatchObject({ status: "succeeded", finishedAt: 6, error: null, images: [{ id: late.id }] });
        expect((await store.imageIds()).has(late.id)).toBe(true);
      }
      // Its place under the cap, held in case the gateway was still at work, is free: the gateway answered.
      expect(await store.inFlight(Date.now())).toMatchObject({ lingering: 0 });

      const { id } = await create("failed");
      const failed = await store.fail(id, { finishedAt: 5, status: "failed", error: { code: "timeout", message: "Too slow.", retryAfterSeconds: null } });
      const late = image(0);
      expect(await store.complete(id, { finishedAt: 6, durationMs: 6, images: [late] })).toBeNull();
      expect(await store.get(id)).toEqual(failed);
      expect((await store.imageIds()).has(late.id)).toBe(false);
    });

    it("commits all or nothing: when one image cannot be stored, the generation stays running with no images", async () => {
      const { id } = await create("half a commit");
      const clash = image(0);
      await expect(store.complete(id, { finishedAt: 1, durationMs: 1, images: [clash, { ...clash, position: 1 }] })).rejects.toThrow();
      expect(await store.get(id)).toMatchObject({ status: "running", finishedAt: null, durationMs: null, images: [] });
      expect((await store.imageIds()).size).toBe(0);
      expect((await succeed(id))?.status).toBe("succeeded");
    });

    it("returns null when completing or failing a generation that does not exist", async () => {
      expect(await store.complete("nope", { finishedAt: 1, durationMs: 1, images: [image(0)] })).toBeNull();
      expect(await store.fail("nope", { finishedAt: 1, status: "cancelled", error: null })).toBeNull();
      expect((await store.imageIds()).size).toBe(0);
    });

    it("keeps a failure's code, message and retry-after", async () => {
      const { id } = await create("rate limited");
      const failed = await store.fail(id, {
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
      expect(await store.get(id)).toEqual(failed);
    });

    it("keeps a failure without retry-after as null", async () => {
      const { id } = await create("refused");
      expect((await store.fail(id, { finishedAt: 1, status: "failed", error: { code: "moderation_refused", message: "Refused.", retryAfterSeconds: null } }))?.error).toEqual({
        code: "moderation_refused",
        message: "Refused.",
        retryAfterSeconds: null,
      });
    });

    it("stores no error for a cancelled generation", async () => {
      const { id } = await create("changed my mind");
      expect(await store.fail(id, { finishedAt: 10, status: "cancelled", error: null })).toMatchObject({ status: "cancelled", finishedAt: 10, error: null });
    });
  });

  describe("what the gateway said of a call", () => {
    it("keeps a task's ids while it runs, and the answer's ids, billed count and notices when it ends", async () => {
      const { id } = await create("a task");
      await store.markUpstream(id, { requestId: "req-submit", taskId: "task-1" });
      expect(await store.get(id)).toMatchObject({ status: "running", requestId: "req-submit", taskId: "task-1", billedImages: null, notices: [] });
      const done = await store.complete(id, {
        finishedAt: 5,
        durationMs: 4,
        images: [image(0)],
        upstream: { requestId: null, taskId: "task-1" },
        billedImages: 1,
        notices: ["The gateway returned 1 of the 2 images asked for."],
      });
      // An id the end does not repeat is not lost.
      expect(done).toMatchObject({ requestId: "req-submit", taskId: "task-1", billedImages: 1, notices: ["The gateway returned 1 of the 2 images asked for."] });
      await store.markUpstream(id, { requestId: "too-late", taskId: null });
      expect((await store.get(id))?.requestId).toBe("req-submit");
    });

    it("keeps a failure's ids", async () => {
      const { id } = await create("refused");
      const failed = await store.fail(id, { finishedAt: 1, status: "failed", error: { code: "moderation_refused", message: "Refused.", retryAfterSeconds: null }, upstream: { requestId: "req-9", taskId: null } });
      expect(failed).toMatchObject({ requestId: "req-9", taskId: null, billedImages: null });
    });

    it("corrects the day's count both ways, never below 0 and past the limit when the gateway billed more", async () => {
      expect(await store.reserveImages("2026-12-02", 4, 5)).toBe(true);
      await store.adjustImages("2026-12-02", -1);
      expect(await store.imagesUsed("2026-12-02")).toBe(3);
      await store.adjustImages("2026-12-02", 6);
      expect(await store.imagesUsed("2026-12-02")).toBe(9);
      await store.adjustImages("2026-12-02", -20);
      expect(await store.imagesUsed("2026-12-02")).toBe(0);
      await store.adjustImages("2026-12-03", 2);
      expect(await store.imagesUsed("2026-12-03")).toBe(2);
    });
  });

  describe("listing", () => {
    it("lists the newest first", async () => {
      const a = await create("first", { createdAt: 100 });
      const c = await create("third", { createdAt: 300 });
      const b = await create("second", { createdAt: 200 });
      const page = await store.list({ limit: 10 });
      expect(page.items.map((item) => item.id)).toEqual([c.id, b.id, a.id]);
      expect(page.nextCursor).toBeNull();
    });

    it("returns an empty page for an empty history", async () => {
      expect(await store.list({ limit: 10 })).toEqual({ items: [], nextCursor: null });
    });

    it("walks 25 records in pages of 10 with no duplicates or gaps, even when several share a createdAt", async () => {
      const created: GenerationView[] = [];
      for (let i = 0; i < 25; i++) {
        // Groups of five share a timestamp, so the id has to break the tie, including across page borders.
        created.push(await create(`picture ${i}`, { createdAt: 5000 + Math.floor(i / 5) * 10 }));
      }
      const pages = await walk({ limit: 10 });
      expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
      const expected = [...created].sort((x, y) => y.createdAt - x.createdAt || (x.id < y.id ? 1 : -1)).map((item) => item.id);
      expect(pages.flat()).toEqual(expected);
      expect(new Set(pages.flat()).size).toBe(25);
    });

    it("pages through records that all share the same createdAt", async () => {
      const created = [];
      for (let i = 0; i < 7; i++) created.push(await create(`same moment ${i}`, { createdAt: 42 }));
      const pages = await walk({ limit: 3 });
      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(created.map((item) => item.id).sort().reverse());
    });

    it("has no next page when the last page is exactly full", async () => {
      for (let i = 0; i < 10; i++) await create(`exact ${i}`);
      const first = await store.list({ limit: 5 });
      expect(first.nextCursor).not.toBeNull();
      const second = await store.list({ limit: 5, cursor: first.nextCursor });
      expect(second.items).toHaveLength(5);
      expect(second.nextCursor).toBeNull();
    });

    it("includes each listed generation's images in position order", async () => {
      const { id } = await create("with images");
      const images = [image(2, "c"), image(0, "a"), image(1, "b")];
      await succeed(id, images);
      await create("without images");
      const listed = (await store.list({ limit: 10 })).items.find((item) => item.id === id);
      expect(listed?.kind === "generation" && listed.images.map((item) => item.revisedPrompt)).toEqual(["a", "b", "c"]);
      expect(listed).toEqual(await store.get(id));
    });
  });

  describe("listing with filters", () => {
    let fox: GenerationView;
    let whale: GenerationView;
    let chinese: GenerationView;
    let car: GenerationView;
    let lookalike: GenerationView;

    beforeEach(async () => {
      fox = await create("A Red Fox in the snow");
      await succeed(fox.id, [image(0, "a crimson fox, winter forest, soft light")]);
      whale = await create("blue whale 100% real_photo", { model: "wan2.2-t2i-flash" });
      await store.fail(whale.id, { finishedAt: clock, status: "failed", error: { code: "timeout", message: "slow", retryAfterSeconds: null } });
      chinese = await create("一只在雪地里的红狐狸");
      car = await create("red car on a wet road", { model: "qwen-image-2.0-pro" });
      await succeed(car.id);
      await store.setStarred(car.id, true);
      lookalike = await create("100 percent realXphoto", { model: "wan2.2-t2i-flash" });
      await succeed(lookalike.id);
    });

    it("finds words in the prompt, ignoring ASCII case", async () => {
      expect(await ids({ limit: 10, q: "fox" })).toEqual([fox.id]);
      expect(await ids({ limit: 10, q: "RED" })).toEqual([car.id, fox.id]);
      expect(await ids({ limit: 10, q: "WhAlE" })).toEqual([whale.id]);
    });

    it("finds words in a revised prompt", async () => {
      expect(await ids({ limit: 10, q: "crimson" })).toEqual([fox.id]);
      expect(await ids({ limit: 10, q: "WINTER forest" })).toEqual([fox.id]);
    });

    it("requires every word to match, in the prompt or a revised prompt", async () => {
      expect(await ids({ limit: 10, q: "red fox" })).toEqual([fox.id]);
      expect(await ids({ limit: 10, q: "snow crimson" })).toEqual([fox.id]);
      expect(await ids({ limit: 10, q: "red whale" })).toEqual([]);
      expect(await ids({ limit: 10, q: "  red   car  " })).toEqual([car.id]);
    });

    it("treats % and _ in the query as plain characters", async () => {
      expect(await ids({ limit: 10, q: "100%" })).toEqual([whale.id]);
      expect(await ids({ limit: 10, q: "real_photo" })).toEqual([whale.id]);
      expect(await ids({ limit: 10, q: "_" })).toEqual([whale.id]);
      expect(await ids({ limit: 10, q: "%" })).toEqual([whale.id]);
      expect(await ids({ limit: 10, q: "\\" })).toEqual([]);
    });

    it("folds the case of every letter, and compatibility forms, the same on both backends", async () => {
      const cafe = await create("CAFÉ au lait");
      // The same word written as e and a combining accent.
      const decomposed = await create("cafe\u0301 noir");
      const moscow = await create("Вид на МОСКВУ");
      const greek = await create("ΟΔΟΣΤΡΩΜΑ");
      const wide = await create("ＲＥＴＲＯ ｃｌｕｂ");
      const summer = await create("a quiet street");
      await succeed(summer.id, [image(0, "ÉTÉ À PARIS")]);
      expect(await ids({ limit: 10, q: "café" })).toEqual([decomposed.id, cafe.id]);
      expect(await ids({ limit: 10, q: "CAFE\u0301 AU" })).toEqual([cafe.id]);
      expect(await ids({ limit: 10, q: "москву" })).toEqual([moscow.id]);
      expect(await ids({ limit: 10, q: "ВИД" })).toEqual([moscow.id]);
      // A word typed alone ends in a final sigma; inside the longer word the letter is σ.
      expect(await ids({ limit: 10, q: "οδος" })).toEqual([greek.id]);
      expect(await ids({ limit: 10, q: "ΟΔΟΣ" })).toEqual([greek.id]);
      expect(await ids({ limit: 10, q: "retro CLUB" })).toEqual([wide.id]);
      expect(await ids({ limit: 10, q: "ｒｅｔｒｏ" })).toEqual([wide.id]);
      expect(await ids({ limit: 10, q: "été paris" })).toEqual([summer.id]);
      expect(await ids({ limit: 10, q: "cafe" })).toEqual([]);
    });

    it("finds Chinese text", async () => {
      expect(await ids({ limit: 10, q: "红狐狸" })).toEqual([chinese.id]);
      expect(await ids({ limit: 10, q: "雪地 狐狸" })).toEqual([chinese.id]);
      expect(await ids({ limit: 10, q: "白狐狸" })).toEqual([]);
    });

    it("lists everything for an empty or blank query", async () => {
      expect(await ids({ limit: 10, q: "" })).toHaveLength(5);
      expect(await ids({ limit: 10, q: "   " })).toHaveLength(5);
    });

    it("filters by model", async () => {
      expect(await ids({ limit: 10, model: "wan2.2-t2i-flash" })).toEqual([lookalike.id, whale.id]);
      expect(await ids({ limit: 10, model: "wanx2.0-t2i-turbo" })).toEqual([]);
    });

    it("filters by status", async () => {
      expect(await ids({ limit: 10, status: "succeeded" })).toEqual([lookalike.id, car.id, fox.id]);
      expect(await ids({ limit: 10, status: "failed" })).toEqual([whale.id]);
      expect(await ids({ limit: 10, status: "running" })).toEqual([chinese.id]);
      expect(await ids({ limit: 10, status: "interrupted" })).toEqual([]);
    });

    it("filters by starred, and ignores starred: false", async () => {
      expect(await ids({ limit: 10, starred: true })).toEqual([car.id]);
      expect(await ids({ limit: 10, starred: false })).toHaveLength(5);
    });

    it("combines filters", async () => {
      expect(await ids({ limit: 10, q: "red", status: "succeeded", model: "wan2.6-t2i" })).toEqual([fox.id]);
      expect(await ids({ limit: 10, q: "red", starred: true })).toEqual([car.id]);
      expect(await ids({ limit: 10, q: "fox", status: "failed" })).toEqual([]);
    });

    it("combines filters with paging", async () => {
      const matching: string[] = [];
      for (let i = 0; i < 12; i++) {
        const model: ModelId = i % 2 === 0 ? "wanx2.1-t2i-plus" : "wan2.6-t2i";
        // Three records per timestamp, so ties fall inside the filtered set too.
        const { id } = await create(i % 3 === 0 ? `Sunset number ${i}` : `sunrise number ${i}`, { model, createdAt: 9_000_000_000_000 + Math.floor(i / 3) });
        if (i % 4 === 0) await store.setStarred(id, true);
        if (model === "wanx2.1-t2i-plus" && i % 3 !== 0) matching.push(id);
      }
      const query = { limit: 2, q: "SUNRISE number", model: "wanx2.1-t2i-plus" } as const;
      const pages = await walk(query);
      expect(pages.flat().sort()).toEqual([...matching].sort());
      expect(new Set(pages.flat()).size).toBe(pages.flat().length);
      expect(pages.flat()).toEqual(await ids({ ...query, limit: 100 }));
      expect(pages.at(-1)?.length).toBeGreaterThan(0);

      const starredPages = await walk({ limit: 1, starred: true, q: "number" });
      expect(starredPages.flat()).toEqual(await ids({ limit: 100, starred: true, q: "number" }));
      expect(starredPages.flat()).toHaveLength(3);
    });
  });

  describe("starring and deleting", () => {
    it("stars and unstars a generation", async () => {
      const { id } = await create("favourite");
      expect((await store.setStarred(id, true))?.starred).toBe(true);
      expect((await store.get(id))?.starred).toBe(true);
      expect((await store.setStarred(id, false))?.starred).toBe(false);
      expect((await store.get(id))?.starred).toBe(false);
    });

    it("deletes a generation with its image rows and returns the image ids for removing the files", async () => {
      const { id } = await create("to delete");
      const images = [image(1), image(0)];
      await succeed(id, images);
      const kept = await create("to keep");
      const keptImage = image(0);
      await succeed(kept.id, [keptImage]);

      const deleted = await store.delete(id, 0);
      expect(deleted?.imageIds.sort()).toEqual(images.map((item) => item.id).sort());
      expect(await store.get(id)).toBeNull();
      for (const item of images) expect(await store.image(item.id)).toBeNull();
      expect(await store.imageIds()).toEqual(new Set([keptImage.id]));
      expect(await ids({ limit: 10 })).toEqual([kept.id]);
    });

    it("returns null for unknown ids", async () => {
      expect(await store.get("missing")).toBeNull();
      expect(await store.setStarred("missing", true)).toBeNull();
      expect(await store.delete("missing", 0)).toBeNull();
      expect(await store.image("missing")).toBeNull();
    });

    it("returns null when deleting the same generation twice", async () => {
      const { id } = await create("once");
      expect(await store.delete(id, 0)).toEqual({ imageIds: [] });
      expect(await store.delete(id, 0)).toBeNull();
    });
  });

  describe("after a restart", () => {
    it("marks every running generation interrupted, with a message and finish time, and leaves the others alone", async () => {
      const running = [await create("one"), await create("two")];
      await store.markSent(running[0]?.id ?? "", 5, clock);
      const done = await create("done");
      await succeed(done.id);
      const failed = await create("failed");
      await store.fail(failed.id, { finishedAt: 3, status: "failed", error: { code: "timeout", message: "slow", retryAfterSeconds: null } });
      const cancelled = await create("cancelled");
      await store.fail(cancelled.id, { finishedAt: 4, status: "cancelled", error: null });
      const others = await Promise.all([done, failed, cancelled].map((item) => store.get(item.id)));

      expect(await store.markInterrupted(99_999)).toBe(2);
      for (const { id } of running) {
        const view = await store.get(id);
        expect(view).toMatchObject({ status: "interrupted", finishedAt: 99_999, images: [] });
        expect(view?.error?.code).toBe("internal_error");
        expect(view?.error?.message).toMatch(/\S/);
      }
      expect((await store.get(running[0]?.id ?? ""))?.seed).toBe(5);
      expect(await Promise.all([done, failed, cancelled].map((item) => store.get(item.id)))).toEqual(others);
      expect(await store.markInterrupted(100_000)).toBe(0);
    });

    it("sends nothing once a generation is no longer running: its mark of the request going out says so", async () => {
      const running = await create("still running");
      expect(await store.markSent(running.id, 1, clock)).toBe(true);
      const cancelled = await create("cancelled elsewhere");
      await store.fail(cancelled.id, { finishedAt: clock, status: "cancelled", error: null });
      expect(await store.markSent(cancelled.id, 2, clock)).toBe(false);
      expect(await store.markSent("deleted", 3, clock)).toBe(false);
    });

    it("settles what each interrupted call may cost: one never sent gives its images back, one out at the gateway is spent and holds its place", async () => {
      const day = new Date(clock + 1000).toISOString().slice(0, 10);
      const unsent = await create("never sent");
      const sent = await create("out at the gateway");
      const answered = await create("answered, storing its images");
      for (const view of [unsent, sent, answered]) await store.reserveImages(day, view.request.n, null);
      const n = unsent.request.n;
      await store.markSent(sent.id, 1, clock);
      await store.markSent(answered.id, 2, clock);
      await store.markStage(answered.id, "storing");
      const at = clock + 10_000;
      expect(await store.markInterrupted(at, at + 120_000)).toBe(3);
      // The unsent one's images are back; the other two keep theirs (the answered one was billed by its runner).
      expect(await store.imagesUsed(day)).toBe(2 * n);
      expect(await store.get(unsent.id)).toMatchObject({ status: "interrupted", billedImages: 0 });
      expect((await store.get(sent.id))?.billedImages).toBeNull();
      expect(await store.spendOn(day)).toEqual([{ model: "wan2.6-t2i", images: n }]);
      // Only the call the gateway may still be at work on holds a place under the cap, and only until then.
      expect(await store.inFlight(at + 60_000)).toEqual({ running: 0, lingering: 1, freeAt: [at + 120_000] });
      expect(await store.inFlight(at + 120_001)).toEqual({ running: 0, lingering: 0, freeAt: [] });
    });

    it("moves a record's stage only forward: a step or a task id reported late does not take it back", async () => {
      const late = await create("late reports");
      await store.markSent(late.id, 1, clock);
      await store.markStage(late.id, "storing");
      await store.markStage(late.id, "downloading");
      await store.markUpstream(late.id, { requestId: "r", taskId: "t" });
      expect(await store.get(late.id)).toMatchObject({ stage: "storing", taskId: "t" });
      const inOrder = await create("in order");
      await store.markSent(inOrder.id, 2, clock);
      await store.markUpstream(inOrder.id, { requestId: null, taskId: "t2" });
      expect((await store.get(inOrder.id))?.stage).toBe("working");
      await store.markStage(inOrder.id, "downloading");
      expect((await store.get(inOrder.id))?.stage).toBe("downloading");
    });

    /** Calls of 4 images, each reserved on today's count as it starts; their bills, and what today has spent. */
    const billing = () => {
      const day = new Date(clock + 1000).toISOString().slice(0, 10);
      const asked = 4;
      const start = async (prompt: string) => {
        const view = await store.create({ id: randomUUID(), createdAt: (clock += 1000), request: { ...request(prompt), n: asked } });
        await store.reserveImages(day, asked, null);
        return view.id;
      };
      const bill = (cost: number | null) => ({ day, asked, cost, model: "wan2.6-t2i" });
      const spent = async () => (await store.spendOn(day)).reduce((sum, row) => sum + row.images, 0);
      return { day, asked, start, bill, spent };
    };

    it("settles a call's bill once, whether an interruption came before it or after it", async () => {
      const { day, start, bill, spent } = billing();

      // Answered with 3 of the 4 images asked: the bill moves it past the stages an interruption settles.
      const answered = await start("answered");
      await store.markSent(answered, 1, clock);
      await store.billAnswer(answered, { ...bill(3), stage: "downloading" });
      expect(await store.get(answered)).toMatchObject({ status: "running", stage: "downloading" });
      expect([await store.imagesUsed(day), await spent()]).toEqual([3, 3]);
      expect(await store.markInterrupted(clock + 10_000)).toBe(1);
      expect([await store.imagesUsed(day), await spent()]).toEqual([3, 3]);

      // Interrupted while out at the gateway (all 4 counted and spent), then answered with 2: corrected to 2.
      const late = await start("answered after it was taken for gone");
      await store.markSent(late, 2, clock);
      await store.markInterrupted(clock + 20_000);
      expect([await store.imagesUsed(day), await spent()]).toEqual([7, 7]);
      await store.billAnswer(late, { ...bill(2), stage: "storing" });
      expect([await store.imagesUsed(day), await spent()]).toEqual([5, 5]);
      expect((await store.get(late))?.status).toBe("interrupted");

      // Interrupted before it was sent (its images given back), then failing with nothing spent: nothing moves.
      const unsent = await start("never sent");
      await store.markInterrupted(clock + 30_000);
      expect([await store.imagesUsed(day), await spent()]).toEqual([5, 5]);
      expect(await store.fail(unsent, { finishedAt: clock, status: "cancelled", error: null, bill: bill(0) })).toBeNull();
      expect([await store.imagesUsed(day), await spent()]).toEqual([5, 5]);

      // Interrupted, then deleted before its instance woke: the bill still corrects what the interruption
      // settled (out at the gateway: spent; never sent: given back).
      const deletedOut = await start("deleted while out");
      await store.markSent(deletedOut, 4, clock);
      await store.markInterrupted(clock + 40_000);
      expect([await store.imagesUsed(day), await spent()]).toEqual([9, 9]);
      await store.delete(deletedOut, clock + 40_000);
      await store.billAnswer(deletedOut, { ...bill(1), stage: "downloading" });
      expect([await store.imagesUsed(day), await spent()]).toEqual([6, 6]);
      const deletedUnsent = await start("deleted before it was sent");
      await store.markInterrupted(clock + 50_000);
      await store.delete(deletedUnsent, clock + 50_000);
      expect([await store.imagesUsed(day), await spent()]).toEqual([6, 6]);
      expect(await store.fail(deletedUnsent, { finishedAt: clock, status: "cancelled", error: null, bill: bill(0) })).toBeNull();
      expect([await store.imagesUsed(day), await spent()]).toEqual([6, 6]);

      // A failure that cannot tell what it cost keeps all 4 asked, counted and spent, and ends it in the same write.
      const timedOut = await start("timed out");
      await store.markSent(timedOut, 3, clock);
      expect(await store.fail(timedOut, { finishedAt: clock, status: "failed", error: null, billedImages: null, bill: bill(null) })).toMatchObject({ status: "failed", billedImages: null });
      expect([await store.imagesUsed(day), await spent()]).toEqual([10, 10]);
    });

    it("settles a cancelled call as an interruption settles one, so an instance gone leaves nothing reserved; a late bill corrects it once", async () => {
      const { day, start, bill, spent } = billing();
      const used = async () => [await store.imagesUsed(day), await spent()];
      const before = await used();
      const moved = async () => (await used()).map((value, index) => value - (before[index] ?? 0));

      // Never sent: its images go back with the cancel, and its runner, if it comes to it, sends nothing.
      const unsent = await start("cancelled before it was sent");
      expect(await store.cancelRunning(unsent, clock, clock + 60_000)).toMatchObject({ status: "cancelled", error: null, billedImages: 0 });
      expect(await moved()).toEqual([0, 0]);
      expect(await store.markSent(unsent, 1, clock)).toBe(false);
      await store.fail(unsent, { finishedAt: clock, status: "cancelled", error: null, bill: bill(0) });
      expect(await moved()).toEqual([0, 0]);
      // Nothing out: no place held under the cap.
      expect(await store.inFlight(clock + 1)).toEqual({ running: 0, lingering: 0, freeAt: [] });

      // Out at the gateway: all 4 counted and spent, its place held; answered after all with 1, corrected to 1.
      const out = await start("cancelled while out");
      await store.markSent(out, 2, clock);
      expect(await store.cancelRunning(out, clock, clock + 60_000)).toMatchObject({ status: "cancelled" });
      expect(await moved()).toEqual([4, 4]);
      expect(await store.inFlight(clock + 1)).toEqual({ running: 0, lingering: 1, freeAt: [clock + 60_000] });
      await store.billAnswer(out, { ...bill(1), stage: "downloading" });
      expect(await moved()).toEqual([1, 1]);
      // A second cancel finds nothing running: nothing moves again.
      expect(await store.cancelRunning(out, clock, clock + 60_000)).toBeNull();
      expect(await moved()).toEqual([1, 1]);

      // Cancelled while out, then deleted (a delete cancels first), its bill arriving after: still once.
      const deleted = await start("cancelled and deleted while out");
      await store.markSent(deleted, 3, clock);
      await store.cancelRunning(deleted, clock, clock + 60_000);
      await store.delete(deleted, clock);
      expect(await moved()).toEqual([5, 5]);
      await store.fail(deleted, { finishedAt: clock, status: "cancelled", error: null, billedImages: null, bill: bill(null) });
      expect(await moved()).toEqual([5, 5]);
    });

    it("keeps a cancelled or interrupted call's bill unknown on its record where its runner cannot tell it, and a known one known", async () => {
      const { day, start, bill, spent } = billing();
      const used = async () => [await store.imagesUsed(day), await spent()];
      const before = await used();
      const moved = async () => (await used()).map((value, index) => value - (before[index] ?? 0));

      // Cancelled while out; its runner's call ends without a word of what it made: all 4 counted, none stated.
      const cancelled = await start("cancelled while out, its cost unknown");
      await store.markSent(cancelled, 1, clock);
      await store.cancelRunning(cancelled, clock, clock + 60_000);
      await store.fail(cancelled, { finishedAt: clock, status: "cancelled", error: null, billedImages: null, bill: bill(null) });
      expect(await store.get(cancelled)).toMatchObject({ status: "cancelled", billedImages: null });
      expect(await moved()).toEqual([4, 4]);

      // Taken for gone while out, then timing out on its own instance: the same.
      const interrupted = await start("interrupted while out, its cost unknown");
      await store.markSent(interrupted, 2, clock);
      await store.markInterrupted(clock + 10_000);
      expect(await store.fail(interrupted, { finishedAt: clock, status: "failed", error: null, billedImages: null, bill: bill(null) })).toBeNull();
      expect(await store.get(interrupted)).toMatchObject({ status: "interrupted", billedImages: null });
      expect(await moved()).toEqual([8, 8]);

      // Cancelled while out, and its runner's failure proves what it cost: stated.
      const known = await start("cancelled while out, its cost known");
      await store.markSent(known, 3, clock);
      await store.cancelRunning(known, clock, clock + 60_000);
      await store.fail(known, { finishedAt: clock, status: "cancelled", error: null, billedImages: 0, bill: bill(0) });
      expect(await store.get(known)).toMatchObject({ status: "cancelled", billedImages: 0 });
      expect(await moved()).toEqual([8, 8]);
    });
  });

  describe("jobs held by leases, under one cap", () => {
    const lease = (owner: string, until: number) => ({ lease: { owner, until }, maxConcurrent: 3, now: 1_000 });
    const comparisonOf = (models: number) => ({
      id: randomUUID(),
      createdAt: (clock += 1000),
      request: { models: ["wan2.6-t2i", "qwen-image", "wan2.2-t2i-flash"].slice(0, models) as never, prompt: "a fox", negativePrompt: "", aspect: "1:1" as const, perModel: 1, seed: 5, promptExtend: true, watermark: false, blind: false },
      seed: 5,
      columns: Array.from({ length: models }, () => ({ id: randomUUID(), request: request("a fox") })),
    });

    it("admits up to the cap, a comparison whole or not at all, and counts calls that linger", async () => {
      const first = await store.create({ id: "a", createdAt: 1, request: request("one") }, lease("i1", 5_000));
      expect(first.status).toBe("running");
      await expect(store.createComparison(comparisonOf(3), lease("i2", 5_000))).rejects.toThrow(CapReached);
      expect((await store.list({ limit: 10 })).items).toHaveLength(1);
      await store.createComparison(comparisonOf(2), lease("i2", 5_000));
      await expect(store.create({ id: "d", createdAt: 2, request: request("four") }, lease("i1", 5_000))).rejects.toMatchObject({ inFlight: { running: 3, lingering: 0, freeAt: [] } });
      // Ended, but the gateway may still be at work: its place stays taken (from the same write) until the linger ends.
      expect(await store.fail("a", { finishedAt: 3, status: "cancelled", error: null, lingerUntil: 2_000 })).toMatchObject({ status: "cancelled" });
      expect(await store.inFlight(1_000)).toEqual({ running: 2, lingering: 1, freeAt: [2_000] });
      // What no longer runs is not ended again, nor its linger moved.
      expect(await store.fail("a", { finishedAt: 4, status: "failed", error: null, lingerUntil: 9_000 })).toBeNull();
      await expect(store.create({ id: "d", createdAt: 2, request: request("four") }, lease("i1", 5_000))).rejects.toThrow(CapReached);
      expect(await store.inFlight(2_001)).toEqual({ running: 2, lingering: 0, freeAt: [] });
      await store.create({ id: "d", createdAt: 2, request: request("four") }, { ...lease("i1", 5_000), now: 2_001 });
    });

    it("keeps the place of a deleted call that may still be at work until its linger ends, and the runner's word on it", async () => {
      await store.create({ id: "a", createdAt: 1, request: request("one") }, lease("i1", 5_000));
      const set = comparisonOf(2);
      await store.createComparison(set, lease("i2", 5_000));
      for (const id of ["a", ...set.columns.map((column) => column.id)]) await store.fail(id, { finishedAt: 3, status: "cancelled", error: null, lingerUntil: 2_000 });
      await store.delete("a", 1_000);
      await store.deleteComparison(set.id, 1_000);
      expect((await store.list({ limit: 10 })).items).toHaveLength(0);
      expect(await store.inFlight(1_000)).toEqual({ running: 0, lingering: 3, freeAt: [2_000, 2_000, 2_000] });
      await expect(store.create({ id: "d", createdAt: 2, request: request("four") }, lease("i1", 5_000))).rejects.toThrow(CapReached);
      // The instance that ran one learns its request never went out: that place is free at once.
      await store.linger("a", 0);
      expect(await store.inFlight(1_000)).toEqual({ running: 0, lingering: 2, freeAt: [2_000, 2_000] });
      expect(await store.inFlight(2_001)).toEqual({ running: 0, lingering: 0, freeAt: [] });
      // Nothing at work: a plain delete leaves no place behind.
      await store.create({ id: "e", createdAt: 4, request: request("five") }, { ...lease("i1", 5_000), now: 2_001 });
      await store.fail("e", { finishedAt: 5, status: "failed", error: null, lingerUntil: 0 });
      await store.delete("e", 2_002);
      expect(await store.inFlight(2_002)).toEqual({ running: 0, lingering: 0, freeAt: [] });
    });

    it("says when the held places free, a deleted call's as well as a kept one's, in the cap's own refusal too", async () => {
      for (const [id, until] of [["late", 4_000], ["early", 2_500], ["gone", 1_500]] as const) {
        await store.create({ id, createdAt: 1, request: request(id) }, lease("i1", 5_000));
        await store.fail(id, { finishedAt: 3, status: "cancelled", error: null, lingerUntil: until });
      }
      // Deleted while its call may be at work: its place, and its end, live on without its row.
      await store.delete("gone", 1_000);
      expect(await store.inFlight(1_000)).toEqual({ running: 0, lingering: 3, freeAt: [1_500, 2_500, 4_000] });
      await expect(store.create({ id: "d", createdAt: 2, request: request("four") }, lease("i1", 5_000))).rejects.toMatchObject({
        inFlight: { running: 0, lingering: 3, freeAt: [1_500, 2_500, 4_000] },
      });
      expect(await store.inFlight(2_000)).toEqual({ running: 0, lingering: 2, freeAt: [2_500, 4_000] });
      expect(await store.inFlight(3_000)).toEqual({ running: 0, lingering: 1, freeAt: [4_000] });
    });

    it("lets exactly one of many admissions racing for the last place in", async () => {
      await store.create({ id: "held-1", createdAt: 1, request: request("one") }, lease("i1", 5_000));
      await store.create({ id: "held-2", createdAt: 1, request: request("two") }, lease("i1", 5_000));
      // Every connection of a pool open first, so the racers really run side by side.
      await Promise.all(Array.from({ length: 8 }, () => store.inFlight(0)));
      const racers = await Promise.allSettled(
        Array.from({ length: 6 }, (_, index) => store.create({ id: `racer-${index}`, createdAt: 2, request: request("race") }, lease(`i${index}`, 5_000))),
      );
      expect(racers.filter((racer) => racer.status === "fulfilled")).toHaveLength(1);
      expect(racers.filter((racer) => racer.status === "rejected" && racer.reason instanceof CapReached)).toHaveLength(5);
      expect(await store.inFlight(1_000)).toEqual({ running: 3, lingering: 0, freeAt: [] });
    });

    it("renews only its own running leases, and interrupts the ones that ran out, whoever notices", async () => {
      await store.create({ id: "mine", createdAt: 1, request: request("mine") }, lease("i1", 5_000));
      await store.create({ id: "theirs", createdAt: 1, request: request("theirs") }, lease("i2", 5_000));
      await store.create({ id: "cancelled", createdAt: 1, request: request("gone") }, lease("i1", 5_000));
      await store.fail("cancelled", { finishedAt: 2, status: "cancelled", error: null });
      // A cancel made on another instance shows up here as a generation no longer running.
      expect(await store.renewLeases("i1", ["mine", "theirs", "cancelled"], 9_000)).toEqual(["mine"]);
      expect(await store.stillRunning(["mine", "theirs", "cancelled", "nope"])).toEqual(expect.arrayContaining(["mine", "theirs"]));
      expect(await store.expireLeases(4_999)).toBe(0);
      // i2 stopped renewing: at 5,001 its lease has run out, and mine (renewed to 9,000) has not.
      expect(await store.expireLeases(5_001)).toBe(1);
      expect(await store.get("theirs")).toMatchObject({ status: "interrupted", finishedAt: 5_001, error: { code: "internal_error" } });
      expect((await store.get("mine"))?.status).toBe("running");
      expect(await store.renewLeases("i2", ["theirs"], 20_000)).toEqual([]);
      // Told to spare leases that ran out since a moment (the database was away then): only older ones end.
      await store.create({ id: "late", createdAt: 1, request: request("late") }, lease("i3", 7_000));
      expect(await store.expireLeases(30_000, 30_000, 6_000)).toBe(0);
      expect(await store.expireLeases(30_000, 30_000, 7_001)).toBe(1);
    });

    it("interrupts generations recorded before leases existed at the first look", async () => {
      const old = await create("recorded by an older version");
      expect(await store.expireLeases(1)).toBe(1);
      expect((await store.get(old.id))?.status).toBe("interrupted");
    });
  });

  describe("settings the instances agree on", () => {
    it("keep the first value proposed, however many propose at once", async () => {
      const values = await Promise.all(Array.from({ length: 6 }, (_, index) => store.settingOnce("session_secret", `secret-${index}`)));
      expect(new Set(values).size).toBe(1);
      expect(await store.settingOnce("session_secret", "later")).toBe(values[0]);
      expect(await store.settingOnce("other", "x")).toBe("x");
    });
  });

  describe("a cursor it never wrote", () => {
    it("is refused rather than silently read as the first page", async () => {
      await expect(store.list({ limit: 10, cursor: "garbage!" })).rejects.toThrow("That page of the history does not exist.");
    });

    it.each([
      ["a time past BIGINT", `99999999999999999999:${randomUUID()}`],
      ["a time no number holds", `${"9".repeat(400)}:${randomUUID()}`],
      ["a time past 2^53", `${2 ** 53}:${randomUUID()}`],
      ["a NUL for an id", "5:\u0000"],
      ["an id of no record's shape", "5:x"],
    ])("is refused, not failed by the database, when it holds %s", async (_, text) => {
      await create("a page of one");
      await expect(store.list({ limit: 10, cursor: Buffer.from(text).toString("base64url") })).rejects.toThrow("That page of the history does not exist.");
    });
  });

  describe("signed-out sessions", () => {
    it("are remembered until they would have expired, then forgotten", async () => {
      expect(await store.isSessionRevoked("s1")).toBe(false);
      await store.revokeSession("s1", 2_000, 1_000);
      expect(await store.isSessionRevoked("s1")).toBe(true);
      await store.revokeSession("s2", 9_000, 3_000);
      expect(await store.isSessionRevoked("s1")).toBe(false);
      expect(await store.isSessionRevoked("s2")).toBe(true);
    });
  });
});

describe("on postgres, a delete and a completion of the same generation at once", () => {
  it("removes the images the completion committed while the delete waited: none is left without its record", async () => {
    await onPostgresStore(async ({ store, database }) => {
      await store.create({ id: "g", createdAt: 1_000, request: { ...defaultRequest("wan2.6-t2i"), prompt: "deleted as it completes" } });
      // The completion, holding its writes uncommitted, as the running instance's does while the delete comes in.
      await holdingConnection(database, async (completing) => {
        await completing.query("BEGIN");
        await completing.query("UPDATE generations SET status = 'succeeded', finished_at = 2000 WHERE id = 'g'");
        await completing.query("INSERT INTO images (id, generation_id, position, width, height, mime, bytes) VALUES ('late', 'g', 0, 64, 64, 'image/png', 10)");
        const deleting = store.delete("g", 3_000);
        await expect.poll(() => lockWaiters(database, "%generations%"), { timeout: 5_000 }).toBeGreaterThan(0);
        await completing.query("COMMIT");
        expect(await deleting).toEqual({ imageIds: ["late"] });
      });
      expect(await store.get("g")).toBeNull();
    });
  });
});

describe("on postgres, a delete of a comparison deadlocked with a claim of its columns", () => {
  it("runs again once PostgreSQL rolled it back, rather than fail", async () => {
    await onPostgresStore(async ({ store, database }) => {
      const columns = ["col-a", "col-b"].map((id) => ({ id, request: { ...defaultRequest("wan2.6-t2i"), prompt: "a fox" } }));
      await store.createComparison({
        id: "cmp",
        createdAt: 1_000,
        request: { models: ["wan2.6-t2i", "qwen-image"], prompt: "a fox", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 5, promptExtend: true, watermark: false, blind: false },
        seed: 5,
        columns,
      });
      const deadlocks = async () => Number((await database.pool.query("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")).rows[0].deadlocks);
      const before = await deadlocks();
      // Another instance's claim, in the other order: the second column taken, then the first asked for once
      // the delete holds it. Its deadlock check waits longer, so PostgreSQL picks the delete to roll back.
      await holdingConnection(database, async (claiming) => {
        await claiming.query("BEGIN");
        await claiming.query("SET LOCAL deadlock_timeout = '20s'");
        await claiming.query("UPDATE generations SET lease_owner = 'other' WHERE id = 'col-b'");
        const deleting = store.deleteComparison("cmp", 3_000);
        await expect.poll(() => lockWaiters(database, "%generations%"), { timeout: 5_000 }).toBeGreaterThan(0);
        await claiming.query("UPDATE generations SET lease_owner = 'other' WHERE id = 'col-a'");
        await claiming.query("COMMIT");
        expect(await deleting).toEqual({ imageIds: [] });
      });
      // The two did deadlock (the statistics reach the view a moment after).
      await expect.poll(deadlocks, { timeout: 5_000 }).toBeGreaterThan(before);
      expect(await store.getComparison("cmp")).toBeNull();
      expect(await store.get("col-a")).toBeNull();
    });
  });
});

describe("on postgres, an interruption landing while the runner settles the call's bill", () => {
  it("is counted once: the bill waits for it and corrects what it settled", async () => {
    // The day it was created on, which an interruption settles it against as the runner does.
    const day = "1970-01-01";
    await onPostgresStore(async ({ store, database }) => {
      await store.create({ id: "g", createdAt: 1_000, request: { ...defaultRequest("wan2.6-t2i"), prompt: "taken for gone as it is answered", n: 4 } }, { lease: { owner: "i1", until: 2_000 }, maxConcurrent: 3, now: 1_000 });
      await store.reserveImages(day, 4, null);
      await store.markSent("g", 1, 1_000);
      // The interruption's write is held at its last step (the change log's lock), its row updated and its
      // spend counted but not committed, while the runner's bill comes in.
      await holdingConnection(database, async (holder) => {
        await holder.query("BEGIN");
        await holder.query("SELECT pg_advisory_xact_lock($1)", [ADVISORY_LOCKS.changes]);
        const holderPid = Number((await holder.query("SELECT pg_backend_pid() AS pid")).rows[0].pid);
        /** The sessions waiting on any of `pids` (this test's own, whatever else the cluster runs). */
        const blockedBy = async (pids: readonly number[]) =>
          ((await database.pool.query("SELECT pid FROM pg_stat_activity WHERE pg_blocking_pids(pid) && $1::int[]", [pids])).rows as Array<{ pid: number }>).map((row) => Number(row.pid));
        const interrupting = store.expireLeases(3_000, 60_000);
        // The interruption waits on the held lock, its row updated; then the bill waits on that row.
        await expect.poll(() => blockedBy([holderPid]), { timeout: 5_000 }).toHaveLength(1);
        const [interrupter] = await blockedBy([holderPid]);
        const billing = store.billAnswer("g", { day, asked: 4, cost: 3, model: "wan2.6-t2i", stage: "downloading" });
        await expect.poll(() => blockedBy([interrupter ?? 0]), { timeout: 5_000 }).toHaveLength(1);
        await holder.query("COMMIT");
        expect(await interrupting).toBe(1);
        await billing;
      });
      expect(await store.imagesUsed(day)).toBe(3);
      expect(await store.spendOn(day)).toEqual([{ model: "wan2.6-t2i", images: 3 }]);
    });
  });
});
