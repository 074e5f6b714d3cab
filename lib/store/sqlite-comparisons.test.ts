import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planComparison, type CompareRequest } from "../compare/compare-request";
import { defaultRequest } from "../models/defaults";
import { openSqliteStore } from "./sqlite-store";
import type { GenerationStore } from "./types";

/** Comparisons as history items: stored with their columns, listed once, filtered by any column. */

let dir: string;
let store: GenerationStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sqlite-comparisons-"));
  store = openSqliteStore(join(dir, "history.db"));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

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

const compare = (prompt: string) => {
  const request = compareRequest(prompt);
  return store.createComparison({
    id: randomUUID(),
    createdAt: (clock += 1000),
    request,
    seed: 5,
    // Stored in the order given, as a blind comparison shuffles them before.
    columns: planComparison(request).reverse().map((plan) => ({ id: randomUUID(), request: plan.request })),
  });
};

const single = (prompt: string) => store.create({ id: randomUUID(), createdAt: (clock += 1000), request: { ...defaultRequest("qwen-image"), prompt } });

const image = (revisedPrompt: string) => ({ id: randomUUID(), position: 0, width: 1328, height: 1328, mime: "image/png", bytes: 10, revisedPrompt });

describe("comparisons in the store", () => {
  it("keeps the columns in the order given, each with its plan's notes", () => {
    const comparison = compare("a fox");
    expect(comparison.columns.map((column) => column.generation.request.model)).toEqual(["wan2.2-t2i-flash", "qwen-image", "wan2.6-t2i"]);
    expect(comparison.columns.every((column) => column.generation.status === "running" && column.generation.comparisonId === comparison.id)).toBe(true);
    expect(comparison).toMatchObject({ kind: "comparison", starred: false, revealed: false, seed: 5, request: { seed: 5, prompt: "a fox" } });
    expect(comparison.columns.map((column) => column.notes)).toEqual([[], [], []]);
  });

  it("lists a comparison once, among single generations, newest first, across pages", () => {
    const a = single("one");
    const b = compare("two");
    const c = single("three");
    const d = compare("four");
    expect(store.list({ limit: 10 }).items.map((item) => [item.kind, item.id])).toEqual([
      ["comparison", d.id],
      ["generation", c.id],
      ["comparison", b.id],
      ["generation", a.id],
    ]);
    const first = store.list({ limit: 3 });
    expect(first.items.map((item) => item.id)).toEqual([d.id, c.id, b.id]);
    expect(store.list({ limit: 3, cursor: first.nextCursor }).items.map((item) => item.id)).toEqual([a.id]);
  });

  it("matches filters on any of its columns", () => {
    const fox = compare("a fox");
    const owl = compare("an owl");
    const [first] = fox.columns;
    if (!first) throw new Error("no column");
    store.complete(first.generation.id, { finishedAt: clock, durationMs: 1, images: [image("a red fox in snow")] });
    const ids = (query: Parameters<GenerationStore["list"]>[0]) => store.list(query).items.map((item) => item.id);
    expect(ids({ limit: 10, q: "snow" })).toEqual([fox.id]);
    expect(ids({ limit: 10, status: "succeeded" })).toEqual([fox.id]);
    expect(ids({ limit: 10, status: "running" })).toEqual([owl.id, fox.id]);
    expect(ids({ limit: 10, model: "qwen-image" })).toEqual([owl.id, fox.id]);
    expect(ids({ limit: 10, model: "qwen-image-max" })).toEqual([]);
    store.updateComparison(owl.id, { starred: true });
    expect(ids({ limit: 10, starred: true })).toEqual([owl.id]);
  });

  it("retries a column in its place, only once it ended without images", () => {
    const comparison = compare("a fox");
    const [first, second] = comparison.columns;
    if (!first || !second) throw new Error("no columns");
    expect(store.replaceColumn(first.generation.id, { id: "again", createdAt: clock })).toBeNull();
    store.fail(first.generation.id, { finishedAt: clock, status: "failed", error: { code: "moderation_refused", message: "no", retryAfterSeconds: null } });
    const again = store.replaceColumn(first.generation.id, { id: "again", createdAt: clock });
    expect(again).toMatchObject({ id: "again", status: "running", comparisonId: comparison.id, request: first.generation.request, error: null });
    expect(store.get(first.generation.id)).toBeNull();
    expect(store.getComparison(comparison.id)?.columns.map((column) => column.generation.id)).toEqual(["again", second.generation.id, comparison.columns[2]?.generation.id]);
    const single = store.create({ id: "single", createdAt: clock, request: first.generation.request });
    store.fail(single.id, { finishedAt: clock, status: "failed", error: null });
    expect(store.replaceColumn(single.id, { id: "nope", createdAt: clock })).toBeNull();
  });

  it("stars and reveals, and deletes with every column and image", () => {
    const comparison = compare("a fox");
    expect(store.updateComparison(comparison.id, { revealed: true })).toMatchObject({ revealed: true, starred: false });
    expect(store.updateComparison(comparison.id, { starred: true })).toMatchObject({ revealed: true, starred: true });
    const kept = image("");
    const [first] = comparison.columns;
    if (!first) throw new Error("no column");
    store.complete(first.generation.id, { finishedAt: clock, durationMs: 1, images: [kept] });
    expect(store.deleteComparison(comparison.id)).toEqual({ imageIds: [kept.id] });
    expect(store.getComparison(comparison.id)).toBeNull();
    expect(store.get(first.generation.id)).toBeNull();
    expect(store.image(kept.id)).toBeNull();
    expect(store.deleteComparison(comparison.id)).toBeNull();
  });
});

describe("shares", () => {
  it("resolve to the items in the order chosen, counting the ones deleted since", () => {
    const a = single("one");
    const b = compare("two");
    const c = single("three");
    store.createShare({ id: "s1", createdAt: 1, title: "Demo", entries: [{ kind: "comparison", id: b.id }, { kind: "generation", id: a.id }, { kind: "generation", id: c.id }] });
    store.delete(c.id, 0);
    const share = store.getShare("s1");
    expect(share?.items.map((item) => item.id)).toEqual([b.id, a.id]);
    expect(share).toMatchObject({ title: "Demo", missing: 1 });
    expect(store.getShare("nope")).toBeNull();
  });
});
