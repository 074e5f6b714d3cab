import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { planComparison, type CompareRequest } from "../compare/compare-request";
import { DEFAULT_GRID, planGrid } from "../grid/grid-plan";
import { setCost } from "../generation/set-cost";
import { defaultRequest } from "../models/defaults";
import { freshStoreEachTest, STORE_BACKENDS } from "@/test/store-backends";
import type { GenerationStore } from "./types";

/** Comparisons as history items: stored with their columns, listed once, filtered by any column. */

describe.each(STORE_BACKENDS)("on $name", (backend) => {
  const store = freshStoreEachTest(backend);

  let clock = 1_700_000_000_000;

  const compareRequest = (prompt: string): CompareRequest => ({
    models: ["wan2.6-t2i", "qwen-image", "wan2.2-t2i-flash"],
    prompt,
    negativePrompt: "",
    aspect: "1:1",
    perModel: 1,
    seed: 5,
    promptExtend: true,
    watermark: false,
    blind: false,
  });

  const compare = async (prompt: string, queued = false) => {
    const request = compareRequest(prompt);
    return store.createComparison({
      id: randomUUID(),
      createdAt: (clock += 1000),
      request,
      seed: 5,
      // Stored in the order given, as a blind comparison shuffles them before.
      columns: planComparison(request).reverse().map((plan) => ({ id: randomUUID(), request: plan.request })),
      queued,
    });
  };

  /** A blind comparison (its columns in plan order), its first column, and the day it was made on. */
  const blindColumn = async (prompt: string) => {
    const request = { ...compareRequest(prompt), blind: true };
    const blind = await store.createComparison({ id: randomUUID(), createdAt: (clock += 1000), request, seed: 5, columns: planComparison(request).map((plan) => ({ id: randomUUID(), request: plan.request })), queued: false });
    const column = blind.columns[0]?.generation;
    if (!column) throw new Error("no columns");
    return { blind, column, day: new Date(clock).toISOString().slice(0, 10) };
  };

  const single = async (prompt: string) => store.create({ id: randomUUID(), createdAt: (clock += 1000), request: { ...defaultRequest("qwen-image"), prompt } });

  const image = (revisedPrompt: string) => ({ id: randomUUID(), position: 0, width: 1328, height: 1328, mime: "image/png", bytes: 10, revisedPrompt });

  describe("the queue", () => {
    const admission = (owner: string, maxConcurrent: number) => ({ lease: { owner, until: clock + 15_000 }, maxConcurrent, now: clock });

    it("keeps queued columns out of the cap, and starts them oldest first, in their order, as places free", async () => {
      const older = await compare("older", true);
      const newer = await compare("newer", true);
      expect(await store.inFlight(clock)).toEqual({ running: 0, lingering: 0, freeAt: [] });
      expect(older.columns.map((column) => [column.generation.status, column.generation.queuedAhead])).toEqual([
        ["queued", 0],
        ["queued", 1],
        ["queued", 2],
      ]);
      // One single generation runs: a cap of 3 has room for two more.
      await store.create({ id: randomUUID(), createdAt: (clock += 1000), request: { ...defaultRequest("qwen-image"), prompt: "solo" } }, admission("i1", 3));
      const first = await store.claimQueued(admission("i2", 3));
      expect(first.claimed.map((job) => job.id)).toEqual(older.columns.slice(0, 2).map((column) => column.generation.id));
      expect(first.claimed[0]?.request.model).toBe(older.columns[0]?.generation.request.model);
      expect(first.waiting).toBe(4);
      expect(await store.claimQueued(admission("i2", 3))).toEqual({ claimed: [], waiting: 4 });
      const now = await store.getComparison(older.id);
      expect(now?.columns.map((column) => column.generation.status)).toEqual(["running", "running", "queued"]);
      expect((await store.getComparison(newer.id))?.columns.map((column) => column.generation.queuedAhead)).toEqual([1, 2, 3]);
      // Claimed work is held by the claimer's lease, like any admitted work.
      expect(await store.renewLeases("i2", first.claimed.map((job) => job.id), clock + 30_000)).toHaveLength(2);
      const all = await store.claimQueued(admission("i3", Number.POSITIVE_INFINITY));
      expect(all).toMatchObject({ waiting: 0 });
      expect(all.claimed).toHaveLength(4);
    });

    it("takes a model's typical time from its runs' sending to their end: a long wait in the queue is no part of it", async () => {
      const waited = [await compare("a red fox", true), await compare("a green fox", true), await compare("a blue fox", true)];
      const { claimed } = await store.claimQueued(admission("i1", Number.POSITIVE_INFINITY));
      expect(claimed).toHaveLength(9);
      const runs = waited.flatMap((comparison) => comparison.columns.map((column) => column.generation)).filter((column) => column.request.model === "wan2.6-t2i");
      const ran = [4_000, 4_600, 5_000];
      for (const [index, run] of runs.entries()) {
        // 85 s in the queue, then a few seconds at the gateway.
        const sentAt = run.createdAt + 85_000;
        await store.markSent(run.id, 5, sentAt);
        await store.complete(run.id, { finishedAt: sentAt + (ran[index] ?? 0), durationMs: 4_000, images: [image("a fox")] });
      }
      const running = await store.create({ id: randomUUID(), createdAt: (clock += 1000), request: { ...defaultRequest("wan2.6-t2i"), prompt: "a fox" } });
      expect(running.typicalMs).toBe(4_600);
      // Its own clock counts from its sending too, so the card compares like with like.
      await store.markSent(running.id, 5, clock + 2_000);
      expect(await store.get(running.id)).toMatchObject({ sentAt: clock + 2_000, typicalMs: 4_600 });
    });

    it("cancels only what is still queued, and gives back what it had reserved in the same write, on the day it was reserved", async () => {
      const comparison = await compare("cancel me", true);
      const [first, second] = comparison.columns.map((column) => column.generation);
      const day = new Date(comparison.createdAt).toISOString().slice(0, 10);
      const reserved = comparison.columns.reduce((sum, column) => sum + column.generation.request.n, 0);
      await store.reserveImages(day, reserved, null);
      await store.claimQueued(admission("i1", 1));
      expect(await store.cancelQueued(first?.id ?? "", clock)).toBeNull();
      const cancelled = await store.cancelQueued(second?.id ?? "", clock + 5);
      expect(cancelled).toMatchObject({ status: "cancelled", finishedAt: clock + 5 });
      expect(await store.imagesUsed(day)).toBe(reserved - (second?.request.n ?? 0));
      expect(await store.cancelQueued(second?.id ?? "", clock)).toBeNull();
      expect(await store.imagesUsed(day)).toBe(reserved - (second?.request.n ?? 0));
      expect(await store.stillRunning(comparison.columns.map((column) => column.generation.id))).toHaveLength(2);
    });
  });

  describe("comparisons in the store", () => {
    it("keeps the columns in the order given, each with its plan's notes", async () => {
      const comparison = await compare("a fox");
      expect(comparison.columns.map((column) => column.generation.request.model)).toEqual(["wan2.2-t2i-flash", "qwen-image", "wan2.6-t2i"]);
      expect(comparison.columns.every((column) => column.generation.status === "running" && column.generation.comparisonId === comparison.id)).toBe(true);
      expect(comparison).toMatchObject({ kind: "comparison", starred: false, revealed: false, seed: 5, request: { seed: 5, prompt: "a fox" } });
      expect(comparison.columns.map((column) => column.notes)).toEqual([[], [], []]);
    });

    it("lists a comparison once, among single generations, newest first, across pages", async () => {
      const a = await single("one");
      const b = await compare("two");
      const c = await single("three");
      const d = await compare("four");
      expect((await store.list({ limit: 10 })).items.map((item) => [item.kind, item.id])).toEqual([
        ["comparison", d.id],
        ["generation", c.id],
        ["comparison", b.id],
        ["generation", a.id],
      ]);
      const first = await store.list({ limit: 3 });
      expect(first.items.map((item) => item.id)).toEqual([d.id, c.id, b.id]);
      expect((await store.list({ limit: 3, cursor: first.nextCursor })).items.map((item) => item.id)).toEqual([a.id]);
    });

    it("matches filters on any of its columns", async () => {
      const fox = await compare("a fox");
      const owl = await compare("an owl");
      const [first] = fox.columns;
      if (!first) throw new Error("no column");
      await store.complete(first.generation.id, { finishedAt: clock, durationMs: 1, images: [image("a red fox in snow")] });
      const ids = async (query: Parameters<GenerationStore["list"]>[0]) => (await store.list(query)).items.map((item) => item.id);
      expect(await ids({ limit: 10, q: "snow" })).toEqual([fox.id]);
      expect(await ids({ limit: 10, status: "succeeded" })).toEqual([fox.id]);
      expect(await ids({ limit: 10, status: "running" })).toEqual([owl.id, fox.id]);
      expect(await ids({ limit: 10, model: "qwen-image" })).toEqual([owl.id, fox.id]);
      expect(await ids({ limit: 10, model: "qwen-image-max" })).toEqual([]);
      await store.updateComparison(owl.id, { starred: true });
      expect(await ids({ limit: 10, starred: true })).toEqual([owl.id]);
    });

    it("answers filters on a blind comparison not yet revealed as its card shows it: each filter on its own, no column told apart", async () => {
      const { blind } = await blindColumn("a blind fox at the CAFÉ");
      const [wan, qwen, flash] = blind.columns.map((column) => column.generation);
      if (!wan || !qwen || !flash) throw new Error("no columns");
      const ids = async (query: Omit<Parameters<GenerationStore["list"]>[0], "limit">) => (await store.list({ ...query, limit: 10 })).items.map((item) => item.id);
      // One column ended while the others run: the card shows every column running, and so do the filters.
      await store.fail(wan.id, { finishedAt: clock, status: "failed", error: null });
      expect(await ids({ status: "failed" })).toEqual([]);
      expect(await ids({ status: "running" })).toEqual([blind.id]);
      await store.complete(qwen.id, { finishedAt: clock, durationMs: 1, images: [image("a fox in deep snow")] });
      await store.complete(flash.id, { finishedAt: clock, durationMs: 1, images: [image("a fox at dusk")] });
      // Settled: a model and a status that only one column has together answer as either does alone.
      const failedModel = wan.request.model;
      const otherModel = qwen.request.model;
      expect(await ids({ model: failedModel, status: "failed" })).toEqual([blind.id]);
      expect(await ids({ model: otherModel, status: "failed" })).toEqual([blind.id]);
      expect(await ids({ status: "running" })).toEqual([]);
      // A revised prompt is not searched before the reveal; the prompt is.
      expect(await ids({ q: "deep" })).toEqual([]);
      expect(await ids({ q: "blind" })).toEqual([blind.id]);
      expect(await ids({ q: "café" })).toEqual([blind.id]);
      // Revealed, each column answers for itself again.
      await store.updateComparison(blind.id, { revealed: true });
      expect(await ids({ model: otherModel, status: "failed" })).toEqual([]);
      expect(await ids({ model: failedModel, status: "failed" })).toEqual([blind.id]);
      expect(await ids({ q: "deep" })).toEqual([blind.id]);
    });

    it("corrects a hidden blind column's spend under its blind key when the column was interrupted, tried again, then answered", async () => {
      const { column, day } = await blindColumn("a blind owl");
      await store.reserveImages(day, column.request.n, null);
      await store.markSent(column.id, 5, clock);
      await store.markInterrupted(clock + 1_000);
      const spent = await store.spendOn(day);
      expect(spent).toHaveLength(1);
      const blindKey = spent[0]?.model ?? "";
      expect(blindKey).not.toBe(column.request.model);
      expect(await store.replaceColumn(column.id, { id: randomUUID(), createdAt: clock + 2_000, queued: true })).not.toBeNull();
      // The instance that ran it wakes: its answer billed nothing after all.
      await store.billAnswer(column.id, { day, asked: column.request.n, cost: 0, model: column.request.model, stage: "downloading" });
      expect(await store.spendOn(day)).toEqual([{ model: blindKey, images: 0 }]);
    });

    it("corrects a cancelled blind column's spend under the key it was settled under, though the models were revealed in between", async () => {
      const { blind, column, day } = await blindColumn("a blind heron");
      const before = new Map((await store.spendOn(day)).map((row) => [row.model, row.images]));
      await store.reserveImages(day, column.request.n, null);
      await store.markSent(column.id, 5, clock);
      await store.cancelRunning(column.id, clock + 1_000, clock + 60_000);
      await store.updateComparison(blind.id, { revealed: true });
      // Its instance says the call was stopped before it was sent after all: nothing was spent, under any key.
      await store.fail(column.id, { finishedAt: clock + 2_000, status: "cancelled", error: null, billedImages: 0, bill: { day, asked: column.request.n, cost: 0, model: column.request.model } });
      const after = await store.spendOn(day);
      expect(after.filter((row) => row.images !== (before.get(row.model) ?? 0))).toEqual([]);
    });

    it("tells no page of a hidden blind comparison's late bill, and shows it once revealed", async () => {
      const { blind, column, day } = await blindColumn("a blind crane");
      await store.markSent(column.id, 5, clock);
      await store.cancelRunning(column.id, clock + 1_000, clock + 60_000);
      const billLate = async (id: string) => {
        const before = (await store.changeBounds()).last;
        await store.fail(id, { finishedAt: clock + 2_000, status: "cancelled", error: null, billedImages: 0, bill: { day, asked: column.request.n, cost: 0, model: column.request.model } });
        return (await store.changesAfter(before, 10)).flatMap((change) => (change.kind === "item" ? [change.item.id] : []));
      };
      // Its runner's bill, on the column and then on a retried one: written, and told to no page while hidden.
      expect(await billLate(column.id)).toEqual([]);
      expect(await store.get(column.id)).toMatchObject({ billedImages: 0 });
      const retried = await store.replaceColumn(column.id, { id: randomUUID(), createdAt: clock + 3_000 });
      await store.markSent(retried?.id ?? "", 6, clock);
      await store.cancelRunning(retried?.id ?? "", clock + 4_000, clock + 60_000);
      await store.replaceColumn(retried?.id ?? "", { id: randomUUID(), createdAt: clock + 5_000, queued: true });
      expect(await billLate(retried?.id ?? "")).toEqual([]);
      expect((await store.updateComparison(blind.id, { revealed: true }))?.earlierAttempts).toEqual([{ model: column.request.model, images: 0, attempts: 2 }]);
    });

    it("retries a column in its place, only once it ended without images", async () => {
      const comparison = await compare("a fox");
      const [first, second] = comparison.columns;
      if (!first || !second) throw new Error("no columns");
      expect(await store.replaceColumn(first.generation.id, { id: "again", createdAt: clock })).toBeNull();
      await store.fail(first.generation.id, { finishedAt: clock, status: "failed", error: { code: "moderation_refused", message: "no", retryAfterSeconds: null } });
      const again = await store.replaceColumn(first.generation.id, { id: "again", createdAt: clock });
      expect(again).toMatchObject({ id: "again", status: "running", comparisonId: comparison.id, request: first.generation.request, error: null });
      expect(await store.get(first.generation.id)).toBeNull();
      expect((await store.getComparison(comparison.id))?.columns.map((column) => column.generation.id)).toEqual(["again", second.generation.id, comparison.columns[2]?.generation.id]);
      const single = await store.create({ id: "single", createdAt: clock, request: first.generation.request });
      await store.fail(single.id, { finishedAt: clock, status: "failed", error: null });
      expect(await store.replaceColumn(single.id, { id: "nope", createdAt: clock })).toBeNull();
    });

    it("keeps in the set what the attempts its retries replaced billed, or may have, and a late bill's word on them", async () => {
      const comparison = await compare("a billed fox");
      const [unknown, unsent, cancelled] = comparison.columns.map((column) => column.generation);
      if (!unknown || !unsent || !cancelled) throw new Error("no columns");
      const day = new Date(clock).toISOString().slice(0, 10);
      // Sent, and no one can tell what it made (a 504): every image asked counts, as in today's spend.
      await store.markSent(unknown.id, 5, clock);
      await store.fail(unknown.id, { finishedAt: clock, status: "failed", error: { code: "timeout", message: "late", retryAfterSeconds: null }, billedImages: null });
      // Never sent: it billed nothing, and nothing of it is kept.
      await store.fail(unsent.id, { finishedAt: clock, status: "failed", error: null, billedImages: 0 });
      // Cancelled while out: counted as spent until its runner says otherwise.
      await store.markSent(cancelled.id, 5, clock);
      await store.cancelRunning(cancelled.id, clock, clock + 60_000);
      for (const column of [unknown, unsent, cancelled]) await store.replaceColumn(column.id, { id: `${column.id}-again`, createdAt: clock + 1 });
      const earlier = (await store.getComparison(comparison.id))?.earlierAttempts;
      const byModel = (attempts: { model: string; images: number; attempts: number }[]) => attempts.sort((a, b) => a.model.localeCompare(b.model));
      expect(earlier).toEqual(
        byModel([
          { model: unknown.request.model, images: unknown.request.n, attempts: 1 },
          { model: unsent.request.model, images: 0, attempts: 1 },
          { model: cancelled.request.model, images: cancelled.request.n, attempts: 1 },
        ]),
      );
      // The list and a read of every comparison say the same.
      expect((await store.list({ limit: 10 })).items.find((item) => item.id === comparison.id)).toMatchObject({ earlierAttempts: earlier });

      // The cancelled call's runner wakes: its answer billed 1 image less than asked, or none at all.
      const before = (await store.changeBounds()).last;
      await store.fail(cancelled.id, { finishedAt: clock + 2, status: "cancelled", error: null, billedImages: 0, bill: { day, asked: cancelled.request.n, cost: 0, model: cancelled.request.model } });
      expect((await store.getComparison(comparison.id))?.earlierAttempts).toEqual(
        byModel([
          { model: unknown.request.model, images: unknown.request.n, attempts: 1 },
          { model: unsent.request.model, images: 0, attempts: 1 },
          { model: cancelled.request.model, images: 0, attempts: 1 },
        ]),
      );
      const said = (await store.changesAfter(before, 10)).flatMap((change) => (change.kind === "item" ? [change.item.id] : []));
      expect(said).toContain(comparison.id);

      // A retry that fails as the first did adds to its model's count.
      await store.markSent(`${unknown.id}-again`, 5, clock + 3);
      await store.fail(`${unknown.id}-again`, { finishedAt: clock + 3, status: "failed", error: null, billedImages: null });
      await store.replaceColumn(`${unknown.id}-again`, { id: "third-try", createdAt: clock + 4, queued: true });
      expect((await store.getComparison(comparison.id))?.earlierAttempts).toContainEqual({ model: unknown.request.model, images: 2 * unknown.request.n, attempts: 2 });
      // Deleted, the set takes them along (they refer to it); a set never retried holds none.
      expect(await store.deleteComparison(comparison.id, clock + 5)).not.toBeNull();
      expect((await compare("a fresh fox")).earlierAttempts).toBeUndefined();
    });

    it("keeps no earlier attempt for a call whose bill said, before the retry, it cost nothing, nor for one interrupted once its answer was billed", async () => {
      const comparison = await compare("a settled fox");
      const [cancelled, answered] = comparison.columns.map((column) => column.generation);
      if (!cancelled || !answered) throw new Error("no columns");
      const day = new Date(clock).toISOString().slice(0, 10);
      await store.markSent(cancelled.id, 5, clock);
      await store.cancelRunning(cancelled.id, clock, clock + 60_000);
      // Its runner stops, and the gateway honoured the cancel: nothing was spent, and the column says so.
      await store.fail(cancelled.id, { finishedAt: clock + 1, status: "cancelled", error: null, billedImages: 0, bill: { day, asked: cancelled.request.n, cost: 0, model: cancelled.request.model } });
      expect(await store.get(cancelled.id)).toMatchObject({ status: "cancelled", billedImages: 0 });
      // Answered and billed 1 image, then its instance died while it fetched them.
      await store.markSent(answered.id, 5, clock);
      await store.billAnswer(answered.id, { day, asked: answered.request.n, cost: 1, model: answered.request.model, stage: "downloading" });
      await store.markInterrupted(clock + 2);
      expect(await store.get(answered.id)).toMatchObject({ status: "interrupted", billedImages: 1 });
      for (const column of [cancelled, answered]) await store.replaceColumn(column.id, { id: `${column.id}-again`, createdAt: clock + 3, queued: true });
      expect((await store.getComparison(comparison.id))?.earlierAttempts).toEqual(
        [{ model: cancelled.request.model, images: 0, attempts: 1 }, { model: answered.request.model, images: 1, attempts: 1 }].sort((a, b) => a.model.localeCompare(b.model)),
      );
    });

    it("keeps unknown the bill of a column cancelled while out whose runner cannot tell it, and its set counts every image asked", async () => {
      const comparison = await compare("an unknown fox");
      const [cancelled, retried] = comparison.columns.map((column) => column.generation);
      if (!cancelled || !retried) throw new Error("no columns");
      const day = new Date(clock).toISOString().slice(0, 10);
      const images = async () => setCost((await store.getComparison(comparison.id)) ?? comparison, (_model, count) => count);
      const unknownBill = (column: typeof cancelled) => ({ day, asked: column.request.n, cost: null, model: column.request.model });
      for (const column of [cancelled, retried]) {
        await store.markSent(column.id, 5, clock);
        await store.cancelRunning(column.id, clock, clock + 60_000);
      }
      // One runner ends before a retry, the other after its column was replaced: neither can say what was made.
      await store.fail(cancelled.id, { finishedAt: clock + 1, status: "cancelled", error: null, billedImages: null, bill: unknownBill(cancelled) });
      expect(await store.get(cancelled.id)).toMatchObject({ status: "cancelled", billedImages: null });
      await store.replaceColumn(retried.id, { id: `${retried.id}-again`, createdAt: clock + 2, queued: true });
      await store.fail(retried.id, { finishedAt: clock + 3, status: "cancelled", error: null, billedImages: null, bill: unknownBill(retried) });
      expect((await store.getComparison(comparison.id))?.earlierAttempts).toEqual([{ model: retried.request.model, images: retried.request.n, attempts: 1 }]);
      // Every image asked of both, the retry's own still to come (queued, it counts at most what it asks).
      expect(await images()).toEqual({ cost: cancelled.request.n + 2 * retried.request.n + (comparison.columns[2]?.generation.request.n ?? 0), earlierImages: retried.request.n });
    });

    it("a cancelled column retried keeps the place its call may still hold under the cap", async () => {
      const comparison = await compare("a fox");
      const [first] = comparison.columns;
      if (!first) throw new Error("no columns");
      await store.fail(first.generation.id, { finishedAt: clock, status: "cancelled", error: null, lingerUntil: clock + 60_000 });
      const before = await store.inFlight(clock);
      await store.replaceColumn(first.generation.id, { id: "again-lingering", createdAt: clock, queued: true });
      // The old row is gone; its lingering call is still counted until its time is up.
      expect((await store.inFlight(clock)).lingering).toBe(before.lingering);
      expect((await store.inFlight(clock + 60_001)).lingering).toBe(before.lingering - 1);
    });

    it("retries a column queued, in its place, to be claimed like any queued work", async () => {
      const comparison = await compare("a fox");
      const [first] = comparison.columns;
      if (!first) throw new Error("no columns");
      await store.fail(first.generation.id, { finishedAt: clock, status: "failed", error: null });
      const again = await store.replaceColumn(first.generation.id, { id: "again-queued", createdAt: clock, queued: true });
      expect(again).toMatchObject({ id: "again-queued", status: "queued", comparisonId: comparison.id, queuedAhead: 0 });
      const { claimed } = await store.claimQueued({ lease: { owner: "here", until: clock + 10_000 }, maxConcurrent: 100, now: clock });
      expect(claimed.map((entry) => entry.id)).toEqual(["again-queued"]);
      expect((await store.getComparison(comparison.id))?.columns[0]?.generation).toMatchObject({ id: "again-queued", status: "running" });
    });

    it("keeps a grid's request, and each cell's notes come from its place in the plan", async () => {
      const grid = { ...DEFAULT_GRID, prompt: "a fox", negativePrompt: "blur", axes: [{ type: "model" as const, values: ["wan2.6-t2i" as const, "qwen-image-max" as const] }] };
      const plan = planGrid(grid, 9);
      const view = await store.createComparison({ id: randomUUID(), createdAt: clock, request: grid, seed: 9, columns: plan.cells.map((cell) => ({ id: randomUUID(), request: cell.request })), queued: true });
      expect(view.request).toEqual(grid);
      expect(view.columns.map((column) => column.notes)).toEqual(plan.cells.map((cell) => cell.notes));
      expect(view.columns.map((column) => column.generation.status)).toEqual(["queued", "queued"]);
    });

    it("stars and reveals, and deletes with every column and image", async () => {
      const comparison = await compare("a fox");
      expect(await store.updateComparison(comparison.id, { revealed: true })).toMatchObject({ revealed: true, starred: false });
      expect(await store.updateComparison(comparison.id, { starred: true })).toMatchObject({ revealed: true, starred: true });
      const kept = image("");
      const [first] = comparison.columns;
      if (!first) throw new Error("no column");
      await store.complete(first.generation.id, { finishedAt: clock, durationMs: 1, images: [kept] });
      expect(await store.deleteComparison(comparison.id, clock)).toEqual({ imageIds: [kept.id] });
      expect(await store.getComparison(comparison.id)).toBeNull();
      expect(await store.get(first.generation.id)).toBeNull();
      expect(await store.image(kept.id)).toBeNull();
      expect(await store.deleteComparison(comparison.id, clock)).toBeNull();
    });
  });

  describe("shares", () => {
    it("resolve to the items in the order chosen, each once, counting the ones deleted since", async () => {
      const a = await single("one");
      const b = await compare("two");
      const c = await single("three");
      const column = b.columns[0]?.generation.id ?? "";
      // A link made before entries were taken once may name one twice; a column beside its comparison shows there.
      const entries = [{ kind: "comparison", id: b.id }, { kind: "generation", id: a.id }, { kind: "generation", id: column }, { kind: "generation", id: c.id }, { kind: "generation", id: a.id }] as const;
      await store.createShare({ id: "s1", createdAt: 1, title: "Demo", entries });
      await store.delete(c.id, 0);
      const share = await store.getShare("s1");
      expect(share?.items.map((item) => item.id)).toEqual([b.id, a.id]);
      expect(share).toMatchObject({ title: "Demo", missing: 1 });
      expect(await store.getShare("nope")).toBeNull();
    });
  });
});
