import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_GRID, planGrid } from "../grid/grid-plan";
import type { GridRequest } from "../grid/grid-request";
import { freshStoreEachTest, STORE_BACKENDS } from "@/test/store-backends";

/** "Cancel all unfinished" of a set: every queued and running member stopped in one write. */

describe.each(STORE_BACKENDS)("on $name", (backend) => {
  const store = freshStoreEachTest(backend);
  const clock = 1_700_000_000_000;
  const day = new Date(clock).toISOString().slice(0, 10);
  const admission = (maxConcurrent: number) => ({ lease: { owner: "i1", until: clock + 15_000 }, maxConcurrent, now: clock });

  /** A grid of five cells, all queued, their images reserved as the runner reserves them. */
  const grid = async () => {
    const request: GridRequest = { ...DEFAULT_GRID, prompt: "a kite", axes: [{ type: "seed", values: [1, 2, 3, 4, 5] }] };
    const plan = planGrid(request, 5);
    const columns = plan.cells.map((cell) => ({ id: randomUUID(), request: cell.request }));
    await store.reserveImages(day, columns.reduce((sum, column) => sum + column.request.n, 0), null);
    return store.createComparison({ id: randomUUID(), createdAt: clock, request, seed: 5, columns, queued: true });
  };

  it("cancels the queued and the running members in one write: none can be claimed or sent after it, each settled as a single cancel settles it", async () => {
    const set = await grid();
    const ids = set.columns.map((column) => column.generation.id);
    const [sent, claimed, ...queued] = ids;
    expect(queued).toHaveLength(3);
    // Two places: the first cell is out at the gateway, the second claimed but not sent yet.
    expect((await store.claimQueued(admission(2))).claimed.map((job) => job.id)).toEqual([sent, claimed]);
    expect(await store.markSent(sent ?? "", 1, clock + 10)).toBe(true);
    const before = (await store.changeBounds()).last;

    const cancelled = await store.cancelComparison(set.id, clock + 100, clock + 60_000);

    expect(cancelled).toEqual({ running: expect.arrayContaining([sent, claimed]), queued: expect.arrayContaining(queued) });
    expect(cancelled?.running).toHaveLength(2);
    expect((await store.getComparison(set.id))?.columns.map((column) => column.generation.status)).toEqual(Array(5).fill("cancelled"));
    // Nothing of it goes out afterwards: the claimed cell's runner finds it cancelled, and the queue is empty.
    expect(await store.markSent(claimed ?? "", 1, clock + 200)).toBe(false);
    expect(await store.claimQueued(admission(Number.POSITIVE_INFINITY))).toEqual({ claimed: [], waiting: 0 });
    // The one sent keeps its image (the gateway may bill it) and its place for a while; the others gave theirs back.
    expect(await store.imagesUsed(day)).toBe(1);
    expect(await store.inFlight(clock + 200)).toEqual({ running: 0, lingering: 1, freeAt: [clock + 60_000] });
    expect(await store.inFlight(clock + 60_001)).toEqual({ running: 0, lingering: 0, freeAt: [] });
    // Other tabs hear of it: the set changed, and today's count.
    const said = (await store.changesAfter(before, 100)).map((change) => (change.kind === "item" ? `${change.item.kind} ${change.item.id}` : change.kind));
    expect(said).toEqual([`comparison ${set.id}`, "usage"]);
    expect(await store.lastChangeOf({ kind: "comparison", id: set.id })).toBeGreaterThan(before);
  });

  it("leaves the finished members alone, answers nothing cancelled a second time, and null for a set that is not there", async () => {
    const set = await grid();
    const [done] = set.columns.map((column) => column.generation.id);
    await store.claimQueued(admission(1));
    await store.markSent(done ?? "", 1, clock + 10);
    await store.complete(done ?? "", { finishedAt: clock + 20, durationMs: 10, images: [{ id: randomUUID(), position: 0, width: 64, height: 64, mime: "image/png", bytes: 10, revisedPrompt: "" }] });
    expect((await store.cancelComparison(set.id, clock + 100, clock + 60_000))?.queued).toHaveLength(4);
    expect((await store.getComparison(set.id))?.columns.map((column) => column.generation.status)).toEqual(["succeeded", ...Array(4).fill("cancelled")]);
    expect(await store.cancelComparison(set.id, clock + 200, clock + 60_000)).toEqual({ running: [], queued: [] });
    expect(await store.cancelComparison(randomUUID(), clock, clock)).toBeNull();
  });

  it("lets a member whose answer is in finish with its images: it is too late to cancel that one", async () => {
    const set = await grid();
    const [answered, sent] = set.columns.map((column) => column.generation.id);
    await store.claimQueued(admission(2));
    await store.markSent(answered ?? "", 1, clock + 10);
    await store.markSent(sent ?? "", 2, clock + 10);
    const model = set.columns[0]?.generation.request.model ?? "";
    await store.billAnswer(answered ?? "", { day, asked: 1, cost: 1, model, stage: "downloading" });
    const cancelled = await store.cancelComparison(set.id, clock + 100, clock + 60_000);
    expect(cancelled?.running).toEqual([sent]);
    expect((await store.getComparison(set.id))?.columns.map((column) => column.generation.status)).toEqual(["running", ...Array(4).fill("cancelled")]);
    expect(await store.cancelRunning(answered ?? "", clock + 200, clock + 60_000)).toBeNull();
  });
});
