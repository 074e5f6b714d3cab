import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { freshPostgresSchema } from "@/test/store-backends";
import { planComparison, type CompareRequest } from "../compare/compare-request";
import { callGateway } from "../gateway/call";
import { DEFAULT_GRID } from "../grid/grid-plan";
import type { Gateway } from "../gateway/client";
import { fetchUpstreamImage } from "../gateway/fetch-image";
import { defaultRequest } from "../models/defaults";
import { useSimulatorServer } from "../simulator/test-support";
import { createImageFiles } from "../store/image-files";
import { openPostgres } from "../store/open-postgres";
import { createSqlStore } from "../store/sql-store";
import type { GenerationStore, ImageStore } from "../store/types";
import { createJobRunner, type JobRunner, type RunnerInstance } from "./runner";

/**
 * Two instances of the playground on one PostgreSQL database, each with its own runner (as two processes
 * would have): jobs, cancels, the cap and leases work across them.
 */

const KEY = "sk-instances-test-0123456789";
const current = useSimulatorServer({ apiKey: KEY });

const gateway = async (): Promise<Gateway> => {
  const target = { baseUrl: current().url, apiKey: KEY };
  return {
    generate: (sent, signal, hooks) => callGateway(target, { requestStyle: "native", timeoutMs: 20_000, pollIntervalsMs: [20, 40], backoffMs: [10, 20] }, sent, signal, hooks),
    fetchImage: (url, signal) => fetchUpstreamImage(url, { trustedOrigin: current().url, ...(signal && { signal }) }),
  };
};

const request = () => ({ ...defaultRequest("wan2.2-t2i-flash"), prompt: "a lighthouse at dusk", width: 640, height: 512 });
const comparison = (): CompareRequest => ({
  models: ["wan2.2-t2i-flash", "wanx2.1-t2i-turbo", "wan2.2-t2i-plus"],
  prompt: "a lighthouse at dusk",
  negativePrompt: "",
  aspect: "1:1",
  perModel: 1,
  seed: 7,
  promptExtend: false,
  watermark: false,
  blind: false,
});

let dropSchema: () => Promise<void>;
let dir: string;
let stores: GenerationStore[];
let images: ImageStore;
let runners: JobRunner[];

/** An instance: its own pool on the shared database, its own runner. */
const instance = async (
  id: string,
  options: Partial<RunnerInstance> = {},
  maxConcurrent = 10,
  lingerMs = 200,
  stopping?: AbortSignal,
): Promise<{ store: GenerationStore; runner: JobRunner }> => {
  const store = createSqlStore(await openPostgres(url, { maxConnections: 4 }));
  const runner = createJobRunner({ store, images, gateway, limits: { maxConcurrent, dailyImageLimit: 20, lingerMs }, instance: { id, heartbeatMs: 100, ...options }, stopping });
  stores.push(store);
  runners.push(runner);
  return { store, runner };
};
let url: string;

beforeEach(async () => {
  const schema = await freshPostgresSchema();
  url = schema.url;
  dropSchema = schema.drop;
  dir = mkdtempSync(join(tmpdir(), "instances-"));
  images = await createImageFiles(dir);
  stores = [];
  runners = [];
});
afterEach(async () => {
  for (const runner of runners) await runner.idle();
  for (const store of stores) await store.close();
  await dropSchema();
  rmSync(dir, { recursive: true, force: true });
});

describe("two instances on one database", () => {
  it("a cancel made on one reaches the call running on the other within 2 seconds", async () => {
    const a = await instance("a");
    const b = await instance("b");
    current().simulator.configure({ latencyMs: 30_000 });
    const started = await a.runner.start(request());
    await vi.waitFor(() => expect(current().simulator.stats().calls).toBe(1));
    expect(await b.runner.cancel(started.id)).toMatchObject({ status: "cancelled" });
    await vi.waitFor(() => expect(current().simulator.stats().aborted).toBe(1), { timeout: 2_000, interval: 20 });
    await a.runner.idle();
    expect(await a.store.get(started.id)).toMatchObject({ status: "cancelled", images: [] });
  });

  it("a set cancelled on one stops its cells running on the other, and starts none of its queued ones anywhere", async () => {
    const a = await instance("a", {}, 2, 100);
    const b = await instance("b", {}, 2, 100);
    current().simulator.configure({ latencyMs: 30_000 });
    const grid = await a.runner.startGrid({ ...DEFAULT_GRID, model: "wan2.2-t2i-flash", prompt: "a kite", axes: [{ type: "seed", values: [1, 2, 3, 4, 5] }] });
    await vi.waitFor(() => expect(current().simulator.stats().calls).toBe(2));
    const cancelled = await b.runner.cancelSet(grid.id);
    expect(cancelled?.columns.map((column) => column.generation.status)).toEqual(Array(5).fill("cancelled"));
    await vi.waitFor(() => expect(current().simulator.stats().aborted).toBe(2), { timeout: 2_000, interval: 20 });
    await a.runner.idle();
    // Both instances look at the queue once the lingering places are free: nothing of the set is in it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await Promise.all([a.runner.dispatch(), b.runner.dispatch()]);
    await Promise.all([a.runner.idle(), b.runner.idle()]);
    expect(current().simulator.stats().calls).toBe(2);
    expect(await b.runner.usage()).toMatchObject({ imagesToday: 2, running: 0, lingering: 0 });
  });

  it("share one cap: what runs on one counts on the other, and the budget is one", async () => {
    // A linger long enough that a slow machine cannot see its end before the test looks.
    const a = await instance("a", {}, 2, 1_500);
    const b = await instance("b", {}, 2, 1_500);
    current().simulator.configure({ latencyMs: 30_000 });
    const first = await a.runner.start(request());
    await b.runner.start(request());
    await expect(a.runner.start(request())).rejects.toMatchObject({ code: "busy" });
    await expect(b.runner.start(request())).rejects.toMatchObject({ code: "busy" });
    expect(await b.runner.usage()).toMatchObject({ running: 2, imagesToday: 2 });
    await b.runner.cancel(first.id);
    // Cancelled on "b" while "a" runs it: its place stays taken, from the cancel on, until "a" has aborted the
    // call and (the request having gone out, the gateway may still be working) for a linger after that.
    expect(await b.runner.usage()).toMatchObject({ running: 1, lingering: 1 });
    await expect(b.runner.start(request())).rejects.toMatchObject({ code: "busy" });
    await a.runner.idle();
    await expect(b.runner.start(request())).rejects.toMatchObject({ code: "busy" });
    await vi.waitFor(async () => expect(await a.runner.usage()).toMatchObject({ running: 1, lingering: 0 }), { timeout: 5_000 });
    await b.runner.start(request());
    for (const { id } of (await a.store.list({ limit: 10 })).items) await a.runner.cancel(id);
  });

  it("a generation whose instance stopped renewing its lease is interrupted by the other, and only then", async () => {
    // "a" stops answering: its heartbeat never comes, as if the process were killed.
    const a = await instance("a", { leaseMs: 600, heartbeatMs: 60_000 });
    const b = await instance("b");
    current().simulator.configure({ latencyMs: 30_000 });
    const started = await a.runner.start(request());
    expect(await b.store.expireLeases(Date.now())).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await b.store.expireLeases(Date.now(), Date.now() + 60_000)).toBe(1);
    expect(await b.store.get(started.id)).toMatchObject({ status: "interrupted", error: { code: "internal_error" } });
    // Its call was out at the gateway: its images stay counted, are spent, and its place is held a while.
    const day = new Date().toISOString().slice(0, 10);
    const settled = { imagesToday: 1, spentToday: [{ model: "wan2.2-t2i-flash", images: 1 }], running: 0, lingering: 1 };
    expect(await b.runner.usage()).toMatchObject(settled);
    // "a" wakes and gives up the call: the interruption settled it, so nothing is counted twice.
    await a.runner.cancel(started.id);
    await a.runner.idle();
    expect(await b.runner.usage()).toMatchObject(settled);
    expect(await b.store.spendOn(day)).toEqual([{ model: "wan2.2-t2i-flash", images: 1 }]);
  });

  it.each([
    // The call at the gateway when the other instance took it for gone, then answered with 3 of 4 images.
    ["answered with fewer images", { answerShape: "openai" as const, fault: "partial" as const, images: 3 }],
    // A task that then failed: failed tasks are not billed.
    ["ended as a failed task", { answerShape: "task" as const, fault: "task_failed" as const, images: 0 }],
  ])("an interrupted call that then %s is counted at what it cost, once", async (_, { answerShape, fault, images }) => {
    const a = await instance("a", { leaseMs: 600, heartbeatMs: 60_000 });
    const b = await instance("b");
    current().simulator.configure({ answerShape, latencyMs: 1_500 });
    current().simulator.injectFault({ kind: fault });
    const started = await a.runner.start({ ...request(), n: 4 });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await b.store.expireLeases(Date.now(), Date.now() + 60_000)).toBe(1);
    expect(await b.runner.usage()).toMatchObject({ imagesToday: 4, spentToday: [{ model: "wan2.2-t2i-flash", images: 4 }] });
    await a.runner.idle();
    // The answered one ends as it ran (succeeded, its images kept); the failed one stays as the other instance marked it.
    expect((await b.store.get(started.id))?.status).toBe(images > 0 ? "succeeded" : "interrupted");
    expect(await b.runner.usage()).toMatchObject({ imagesToday: images, spentToday: [{ model: "wan2.2-t2i-flash", images }] });
  });

  it("a running instance keeps its leases alive however long the call takes", async () => {
    // The lease is several heartbeats long, so a busy machine's pause of a few hundred ms is not a death.
    const a = await instance("a", { leaseMs: 1_000, heartbeatMs: 50 });
    const b = await instance("b");
    current().simulator.configure({ latencyMs: 2_500 });
    const started = await a.runner.start(request());
    for (let look = 0; look < 15; look++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      await b.store.expireLeases(Date.now());
    }
    await a.runner.idle();
    expect(await b.store.get(started.id)).toMatchObject({ status: "succeeded" });
  });

  it("the queue is one queue: columns queued on one instance start as places free, wherever they free", async () => {
    const a = await instance("a", {}, 2);
    const b = await instance("b", {}, 2);
    current().simulator.configure({ latencyMs: 400 });
    // One of the two places is taken on b; a's comparison of three gets the other and queues two.
    await b.runner.start(request());
    const started = await a.runner.startComparison(comparison());
    expect(started.columns.map((column) => column.generation.status)).toEqual(["running", "queued", "queued"]);
    await vi.waitFor(async () => expect((await b.store.getComparison(started.id))?.columns.map((column) => column.generation.status)).toEqual(["succeeded", "succeeded", "succeeded"]), {
      timeout: 15_000,
      interval: 100,
    });
    expect((await b.runner.usage()).imagesToday).toBe(4);
  });

  it("an instance that is stopping starts none of the queue, even as its own calls end: another does", async () => {
    const stop = new AbortController();
    const a = await instance("a", {}, 2, 0, stop.signal);
    const b = await instance("b", {}, 2, 0);
    current().simulator.configure({ latencyMs: 400 });
    // Two of the three columns take the cap's two places on a; the third waits.
    const started = await a.runner.startComparison(comparison());
    expect(started.columns.map((column) => column.generation.status)).toEqual(["running", "running", "queued"]);
    stop.abort();
    // a's calls end and free both places; a looks at the queue then, and at every heartbeat, and claims nothing.
    await a.runner.idle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const statuses = async () => (await b.store.getComparison(started.id))?.columns.map((column) => column.generation.status);
    expect(await statuses()).toEqual(["succeeded", "succeeded", "queued"]);
    await b.runner.dispatch();
    await b.runner.idle();
    expect(await statuses()).toEqual(["succeeded", "succeeded", "succeeded"]);
  });

  it("work queued by an instance that went away is started by another", async () => {
    const b = await instance("b");
    // Recorded and paid for by an instance that was gone before it claimed any of it.
    const queued = comparison();
    const id = randomUUID();
    await b.store.createComparison({ id, createdAt: Date.now(), request: queued, seed: 7, columns: planComparison(queued, 7).map((plan) => ({ id: randomUUID(), request: plan.request })), queued: true });
    await b.runner.dispatch();
    await b.runner.idle();
    expect((await b.store.getComparison(id))?.columns.map((column) => column.generation.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
  });

  it("work queued after this instance last found the queue empty is still started by it, a heartbeat later", async () => {
    const b = await instance("b");
    await b.runner.dispatch();
    // Queued by another instance after b looked, which then went away before claiming any of it.
    const queued = comparison();
    const id = randomUUID();
    await b.store.createComparison({ id, createdAt: Date.now(), request: queued, seed: 7, columns: planComparison(queued, 7).map((plan) => ({ id: randomUUID(), request: plan.request })), queued: true });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await b.runner.dispatch();
    await b.runner.idle();
    expect((await b.store.getComparison(id))?.columns.map((column) => column.generation.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
  });

  it("waits for a job that runs on the other instance", async () => {
    const a = await instance("a");
    const b = await instance("b");
    current().simulator.configure({ latencyMs: 300 });
    const started = await a.runner.start(request());
    await b.runner.settled([started.id], 10_000);
    expect((await b.store.get(started.id))?.status).toBe("succeeded");
  });
});
