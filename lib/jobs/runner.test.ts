import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isModelComparison } from "../generation/set-kind";
import { callGateway } from "../gateway/call";
import type { Gateway } from "../gateway/client";
import { fetchUpstreamImage, LINK_EXPIRED } from "../gateway/fetch-image";
import { openStorage, type Storage } from "../history/storage";
import { defaultRequest } from "../models/defaults";
import type { CompareRequest } from "../compare/compare-request";
import { DEFAULT_GRID } from "../grid/grid-plan";
import { useSimulatorServer } from "../simulator/test-support";
import { notUnderstood } from "../gateway/answer";
import { useScriptedGateway } from "@/test/scripted-gateway";
import { cancelBeforeDelete, createJobRunner, TOO_LATE_TO_CANCEL, type JobRunner } from "./runner";
import { heldPlaces, SPENDING_OFF, STOPPING } from "./refusals";
import { markUnreached } from "../store/unreachable";

/** Jobs end to end on real sockets and real files: simulator -> gateway call -> stored images and record. */

const KEY = "sk-runner-test-0123456789";
const current = useSimulatorServer({ apiKey: KEY });
const scripted = useScriptedGateway();
let dir: string;
let storage: Storage;
let runner: JobRunner;

const gatewayAt = (origin: () => string, timeoutMs: number) => async (): Promise<Gateway> => {
  const target = { baseUrl: origin(), apiKey: KEY };
  return {
    generate: (sent, signal, hooks) => callGateway(target, { requestStyle: "native", timeoutMs, pollIntervalsMs: [20, 40], backoffMs: [10, 20] }, sent, signal, hooks),
    fetchImage: (url, signal) => fetchUpstreamImage(url, { trustedOrigin: origin(), ...(signal && { signal }) }),
  };
};
const gatewayWith = (timeoutMs: number) => gatewayAt(() => current().url, timeoutMs);
const gateway = gatewayWith(5000);

const request = (overrides = {}) => ({ ...defaultRequest("wan2.2-t2i-flash"), prompt: "a kitten on grass", width: 640, height: 512, ...overrides });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "runner-"));
  storage = await openStorage(dir);
  runner = createJobRunner({ ...storage, gateway });
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(async () => {
  await runner.idle();
  await storage.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("generation jobs", () => {
  it.each(["url", "b64_json"] as const)("answers at once, then keeps every %s image with its metadata", async (responseFormat) => {
    current().simulator.configure({ responseFormat, latencyMs: 50 });
    const started = await runner.start(request({ n: 2, seed: 11 }));
    expect(started.status).toBe("running");
    await runner.idle();
    const done = await storage.store.get(started.id);
    expect(done).toMatchObject({ status: "succeeded", seed: 11, error: null });
    expect(done?.images).toHaveLength(2);
    for (const image of done?.images ?? []) {
      expect(image.revisedPrompt).toContain("a kitten on grass");
      const full = await storage.images.read(image.id, "full");
      expect(await sharp(full ?? Buffer.alloc(0)).metadata()).toMatchObject({ width: 640, height: 512, format: "png" });
      const thumb = await storage.images.read(image.id, "thumb");
      expect(await sharp(thumb ?? Buffer.alloc(0)).metadata()).toMatchObject({ width: 480, format: "webp" });
      expect(thumb?.length).toBeLessThan(full?.length ?? 0);
    }
  });

  it("chooses and records a seed when none was given", async () => {
    const started = await runner.start(request({ seed: null }));
    await runner.idle();
    const seed = (await storage.store.get(started.id))?.seed;
    expect(Number.isInteger(seed)).toBe(true);
    expect(current().simulator.stats().lastRequest?.seed).toBe(seed);
  });

  it("records a gateway failure with its message, and keeps no files", async () => {
    // Longer than the retry cap, so it is reported at once rather than waited out.
    current().simulator.injectFault({ kind: "rate_limit", retryAfterSeconds: 30 });
    const started = await runner.start(request());
    await runner.idle();
    expect(await storage.store.get(started.id)).toMatchObject({
      status: "failed",
      error: { code: "rate_limited", retryAfterSeconds: 30, message: "The gateway is limiting requests right now. Try again in 30 seconds." },
    });
    expect(await storage.images.sweep(await storage.store.imageIds(), Date.now() + 1)).toBe(0);
  });

  it("cancel aborts the gateway call and marks the record cancelled at once", async () => {
    current().simulator.injectFault({ kind: "hang" });
    const started = await runner.start(request());
    await vi.waitFor(async () => expect(current().simulator.stats().calls).toBe(1));
    expect(await runner.cancel(started.id)).toMatchObject({ status: "cancelled", error: null });
    await runner.idle();
    await vi.waitFor(async () => expect(current().simulator.stats().aborted).toBe(1));
    expect((await storage.store.get(started.id))?.status).toBe("cancelled");
  });

  it("removes the images it wrote when the finished generation cannot be committed", async () => {
    const busy: typeof storage.store = Object.create(storage.store) as typeof storage.store;
    busy.complete = () => {
      throw new Error("SQLITE_BUSY: database is locked");
    };
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failing = createJobRunner({ ...storage, store: busy, gateway });
    await failing.start(request({ n: 2 }));
    await failing.idle();
    expect(current().simulator.stats().succeeded).toBe(1);
    expect(await storage.images.sweep(await storage.store.imageIds(), Date.now() + 1)).toBe(0);
  });

  it("keeps the images when the commit went through and only the read after it failed", async () => {
    const flaky: typeof storage.store = Object.create(storage.store) as typeof storage.store;
    flaky.complete = async (...args) => {
      await storage.store.complete(...args);
      throw new Error("Connection terminated unexpectedly");
    };
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failing = createJobRunner({ ...storage, store: flaky, gateway });
    const started = await failing.start(request({ n: 2 }));
    await failing.idle();
    const done = await storage.store.get(started.id);
    expect(done?.status).toBe("succeeded");
    expect(done?.images).toHaveLength(2);
    for (const image of done?.images ?? []) expect(await storage.images.read(image.id, "full")).not.toBeNull();
  });

  it("bills an answer whose bill could not be written as the generation fails, once", async () => {
    const down: typeof storage.store = Object.create(storage.store) as typeof storage.store;
    down.billAnswer = () => Promise.reject(new Error("Connection terminated unexpectedly"));
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failing = createJobRunner({ ...storage, store: down, gateway });
    const started = await failing.start(request({ n: 2 }));
    await failing.idle();
    expect(await storage.store.get(started.id)).toMatchObject({ status: "failed", billedImages: 2 });
    const day = new Date(started.createdAt).toISOString().slice(0, 10);
    expect(await storage.store.spendOn(day)).toEqual([{ model: started.request.model, images: 2 }]);
    expect(await storage.store.imagesUsed(day)).toBe(2);
  });

  it("rides out an image store that fails a write or two: the billed images are kept", async () => {
    let failures = 2;
    const blinking: typeof storage.images = {
      ...storage.images,
      put: async (...args) => {
        if (failures-- > 0) throw new Error("connect ECONNREFUSED 127.0.0.1:3474");
        return storage.images.put(...args);
      },
    };
    const patient = createJobRunner({ ...storage, images: blinking, gateway, storeBackoffMs: [1, 1, 1] });
    const started = await patient.start(request({ n: 1 }));
    await patient.idle();
    const done = await storage.store.get(started.id);
    expect(done).toMatchObject({ status: "succeeded", billedImages: 1, notices: [] });
    expect(await storage.images.read(done?.images[0]?.id ?? "", "full")).not.toBeNull();
  });

  it("rides out a database that cannot be reached when the answer comes (a restart): the answer is billed once and its images kept", async () => {
    const refused = () => markUnreached(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
    let [bills, completes] = [2, 2];
    const restarting: typeof storage.store = {
      ...storage.store,
      billAnswer: async (...args) => {
        if (bills-- > 0) throw refused();
        return storage.store.billAnswer(...args);
      },
      complete: async (...args) => {
        if (completes-- > 0) throw refused();
        return storage.store.complete(...args);
      },
    };
    const patient = createJobRunner({ ...storage, store: restarting, gateway, databaseBackoffMs: [1, 1, 1], limits: { maxConcurrent: 10, dailyImageLimit: 10 } });
    const started = await patient.start(request({ n: 1 }));
    await patient.idle();
    const done = await storage.store.get(started.id);
    expect(done).toMatchObject({ status: "succeeded", billedImages: 1, error: null });
    expect(await storage.images.read(done?.images[0]?.id ?? "", "full")).not.toBeNull();
    expect((await patient.usage()).imagesToday).toBe(1);
    expect(current().simulator.stats().calls).toBe(1);
  });

  it("says in words that the image store could not be reached and the images are billed, when it stays down; the log names the generation", async () => {
    let puts = 0;
    const down: typeof storage.images = {
      ...storage.images,
      put: async () => {
        puts++;
        throw new Error("connect ECONNREFUSED 127.0.0.1:3474");
      },
    };
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const budget = createJobRunner({ ...storage, images: down, gateway, storeBackoffMs: [1, 1, 1], limits: { maxConcurrent: 10, dailyImageLimit: 10 } });
    const started = await budget.start(request({ n: 1 }));
    await budget.idle();
    expect(puts).toBe(4);
    expect(await storage.store.get(started.id)).toMatchObject({
      status: "failed",
      billedImages: 1,
      images: [],
      error: { code: "storage_unavailable", message: expect.stringMatching(/^The image store could not be reached .*billed/) },
    });
    expect((await budget.usage()).imagesToday).toBe(1);
    const logged = errors.mock.calls.map(([line]) => String(line)).filter((line) => line.includes(started.id));
    expect(logged).toEqual([expect.stringMatching(new RegExp(`^storing an image of generation ${started.id} failed.*ECONNREFUSED`))]);
  });

  it("cancelling a finished generation changes nothing", async () => {
    const started = await runner.start(request());
    await runner.idle();
    expect((await runner.cancel(started.id))?.status).toBe("succeeded");
    expect(await runner.cancel("no-such-id")).toBeNull();
  });
});

describe("every answer shape, and what the gateway said of it", () => {
  it.each(["openai", "multimodal", "text2image", "task"] as const)("%s: images kept, with the request id (and task id)", async (answerShape) => {
    current().simulator.configure({ answerShape, latencyMs: answerShape === "task" ? 100 : 0 });
    const started = await runner.start(request({ n: 2 }));
    await runner.idle();
    const done = await storage.store.get(started.id);
    expect(done).toMatchObject({ status: "succeeded", billedImages: 2, notices: [], requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(done?.images).toHaveLength(2);
    expect(done?.images[0]?.revisedPrompt).toContain("a kitten on grass");
    if (answerShape === "task" || answerShape === "text2image") expect(done?.taskId).toMatch(/^[0-9a-f-]{36}$/);
    else expect(done?.taskId).toBeNull();
  });

  it("records a task's ids while it runs, before it ends", async () => {
    current().simulator.configure({ answerShape: "task", latencyMs: 60_000 });
    const started = await runner.start(request());
    await vi.waitFor(async () => expect((await storage.store.get(started.id))?.taskId).toMatch(/^[0-9a-f-]{36}$/));
    expect(await storage.store.get(started.id)).toMatchObject({ status: "running", requestId: expect.any(String) });
    await runner.cancel(started.id);
    await runner.idle();
    await vi.waitFor(async () => expect(current().simulator.stats().taskCancels).toBe(1));
  });

  it("a budget of 0 images a day refuses every start, before any call", async () => {
    const stopped = createJobRunner({ ...storage, gateway, limits: { maxConcurrent: 10, dailyImageLimit: 0 } });
    const refusal = await stopped.start(request({ n: 1 })).catch((error: unknown) => error);
    // Nothing resets a budget of 0 at midnight: the refusal says who can, and sets no time to try again.
    expect(refusal).toMatchObject({ code: "daily_limit_reached", message: SPENDING_OFF, retryAfterSeconds: undefined });
    expect(current().simulator.stats().calls).toBe(0);
  });

  it("a partial answer succeeds with what came, says what did not, and the budget counts what was billed", async () => {
    const budget = createJobRunner({ ...storage, gateway, limits: { maxConcurrent: 10, dailyImageLimit: 10 } });
    current().simulator.configure({ answerShape: "text2image" });
    current().simulator.injectFault({ kind: "partial" });
    const started = await budget.start(request({ n: 4 }));
    expect((await budget.usage()).imagesToday).toBe(4);
    await budget.idle();
    expect(await storage.store.get(started.id)).toMatchObject({
      status: "succeeded",
      billedImages: 3,
      notices: ["The gateway returned 3 of the 4 images asked for.", "Content moderation refused 1 of them."],
    });
    expect((await storage.store.get(started.id))?.images).toHaveLength(3);
    expect((await budget.usage()).imagesToday).toBe(3);
  });

  it.each([
    ["url", "The gateway's image link answered 404; the image could not be kept."],
    ["b64_json", "The gateway returned something that is not a PNG, JPEG or WebP image."],
  ] as const)("an image that cannot be kept (%s) loses only itself: the others are kept, and the card says why", async (responseFormat, reason) => {
    const budget = createJobRunner({ ...storage, gateway, limits: { maxConcurrent: 10, dailyImageLimit: 10 } });
    current().simulator.configure({ responseFormat });
    current().simulator.injectFault({ kind: "broken_image" });
    const started = await budget.start(request({ n: 3 }));
    await budget.idle();
    const done = await storage.store.get(started.id);
    expect(done).toMatchObject({
      status: "succeeded",
      billedImages: 3,
      notices: ["1 of the 3 images could not be kept; they are billed all the same.", reason],
    });
    expect(done?.images).toHaveLength(2);
    for (const image of done?.images ?? []) expect(await storage.images.read(image.id, "full")).not.toBeNull();
    expect((await budget.usage()).imagesToday).toBe(3);

    // Nothing kept at all: the generation fails with that reason, billed all the same.
    current().simulator.injectFault({ kind: "broken_image" });
    const alone = await budget.start(request({ n: 1 }));
    await budget.idle();
    expect(await storage.store.get(alone.id)).toMatchObject({ status: "failed", billedImages: 1, error: { message: reason }, images: [] });
    // And no file was left behind by either: a sweep keeping the kept two finds nothing else.
    expect(await storage.images.sweep(new Set(done?.images.map((image) => image.id)), Date.now() + 60_000)).toBe(0);
  });

  it("a link that expired before it was downloaded says so in words, billed, and nothing is left behind", async () => {
    current().simulator.configure({ linkLifetimeSeconds: 0 });
    const started = await runner.start(request({ n: 2 }));
    await runner.idle();
    expect(await storage.store.get(started.id)).toMatchObject({ status: "failed", billedImages: 2, error: { code: "bad_upstream_response", message: LINK_EXPIRED }, images: [] });
    // Refused once, not asked again and again: an expired link does not come back.
    expect(current().simulator.stats().calls).toBe(1);
    expect(await storage.images.sweep(new Set(), Date.now() + 60_000)).toBe(0);
  });

  it("an over-full answer that lost images says once what was kept: more came than asked, all counted, and which were lost", async () => {
    const hostile = createJobRunner({ ...storage, gateway: gatewayAt(() => scripted.url, 5000) });
    const links = ["/good.png", "/elsewhere", "https://127.0.0.1/a.png", "http://169.254.169.254/latest/meta-data", "/page.html", "/good.png"];
    scripted.answer({ created: 1, data: links.map((link) => ({ url: link.startsWith("/") ? `${scripted.url}${link}` : link })) });
    const started = await hostile.start(request({ n: 4 }));
    await hostile.idle();
    const done = await storage.store.get(started.id);
    expect(done).toMatchObject({
      status: "succeeded",
      billedImages: 6,
      notices: [
        "The gateway returned 6 images, more than the 4 asked for; all are counted.",
        "4 of the 6 images could not be kept; they are billed all the same.",
        "The gateway returned an image link the playground will not fetch (it redirects to another host).",
        "The gateway returned an image link the playground will not fetch (it points into a private network).",
        "The gateway returned an image link the playground will not fetch (http: is not https).",
        "The gateway returned something that is not a PNG, JPEG or WebP image.",
        // Its links serve a 64*48 picture, whatever was asked.
        "The gateway's images are 64*48, not the 640*512 asked for.",
      ],
    });
    expect(done?.images).toHaveLength(2);
  });

  it.each([".", "..", "../.."])("a task id that cannot name a task (%j) fails the generation as an answer not understood, and nothing is asked about it", async (taskId) => {
    const hostile = createJobRunner({ ...storage, gateway: gatewayAt(() => scripted.url, 5000) });
    scripted.answer({ output: { task_id: taskId, task_status: "PENDING" } });
    const started = await hostile.start(request());
    await hostile.idle();
    // The call alone: no query (nor cancel) went to whatever path the id would have made of the task route.
    expect(scripted.requests.map(({ method, path }) => `${method} ${path}`)).toEqual(["POST /v1/images/generations"]);
    expect(await storage.store.get(started.id)).toMatchObject({
      status: "failed",
      error: { code: "bad_upstream_response", message: notUnderstood("a malformed task id", null).message },
      taskId: null,
      images: [],
    });
  });

  it("a failure keeps the gateway's request id (and task id) for the user to quote", async () => {
    current().simulator.injectFault({ kind: "moderation" });
    const refused = await runner.start(request());
    current().simulator.injectFault({ kind: "task_failed" });
    const failedTask = await runner.start(request());
    current().simulator.injectFault({ kind: "unknown_shape" });
    const odd = await runner.start(request());
    await runner.idle();
    expect(await storage.store.get(refused.id)).toMatchObject({ status: "failed", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), taskId: null });
    expect(await storage.store.get(failedTask.id)).toMatchObject({
      status: "failed",
      error: { code: "upstream_error" },
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      taskId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(await storage.store.get(odd.id)).toMatchObject({ status: "failed", error: { code: "bad_upstream_response" }, requestId: expect.any(String), images: [] });
    expect(await storage.images.sweep(await storage.store.imageIds(), Date.now() + 1)).toBe(0);
  });
});

describe("comparisons", () => {
  const compare = (overrides = {}): CompareRequest => ({
    models: ["wan2.2-t2i-flash", "qwen-image", "wan2.6-t2i"],
    prompt: "a kitten on grass",
    negativePrompt: "",
    aspect: "1:1" as const,
    perModel: 1,
    seed: null,
    promptExtend: true,
    watermark: false,
    blind: false,
    ...overrides,
  });

  it("a stopping server starts nothing new, single or set, and says to try again shortly; nothing is recorded, sent or reserved", async () => {
    const stop = new AbortController();
    const stopping = createJobRunner({ ...storage, gateway, limits: { maxConcurrent: 10, dailyImageLimit: 10 }, stopping: stop.signal });
    const before = await stopping.start(request({ n: 1 }));
    await stopping.idle();
    stop.abort();
    const refusals = await Promise.all([stopping.start(request({ n: 1 })), stopping.startComparison(compare())].map((started) => started.catch((error: unknown) => error)));
    for (const refusal of refusals) expect(refusal).toMatchObject({ code: "busy", status: 503, message: STOPPING, retryAfterSeconds: 5 });
    expect(current().simulator.stats().calls).toBe(1);
    expect((await storage.store.list({ limit: 10 })).items.map((item) => item.id)).toEqual([before.id]);
    expect((await stopping.usage()).imagesToday).toBe(1);
  });

  it("runs every model with one shared seed, and one model's failure leaves the others to finish", async () => {
    current().simulator.injectFault({ kind: "moderation", model: "qwen-image" });
    const started = await runner.startComparison(compare());
    expect(started.columns.map((column) => column.generation.status)).toEqual(["running", "running", "running"]);
    await runner.idle();
    const done = await storage.store.getComparison(started.id);
    expect(done?.columns.map((column) => [column.generation.request.model, column.generation.status])).toEqual([
      ["wan2.2-t2i-flash", "succeeded"],
      ["qwen-image", "failed"],
      ["wan2.6-t2i", "succeeded"],
    ]);
    expect(new Set(done?.columns.map((column) => column.generation.seed))).toEqual(new Set([started.seed]));
    // Left random, it stays random for "reuse settings"; the seed the columns shared is kept beside it.
    expect(isModelComparison(started) && started.request.seed).toBeNull();
    expect(done?.columns[1]?.generation.error?.code).toBe("moderation_refused");
    expect(done?.columns[0]?.generation.images[0]).toMatchObject({ width: 1024, height: 1024 });
  });

  it("retries a failed column in its place with the shared seed, and nothing else", async () => {
    current().simulator.injectFault({ kind: "server_error", model: "qwen-image" });
    const started = await runner.startComparison(compare({ seed: 31 }));
    await runner.idle();
    const failed = (await storage.store.getComparison(started.id))?.columns[1]?.generation;
    expect(failed?.status).toBe("failed");
    expect(await runner.retryColumn(started.columns[0]?.generation.id ?? "")).toBeNull();
    const again = await runner.retryColumn(failed?.id ?? "");
    expect(again).toMatchObject({ status: "running", comparisonId: started.id });
    await runner.idle();
    const done = await storage.store.getComparison(started.id);
    expect(done?.columns.map((column) => column.generation.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(done?.columns[1]?.generation).toMatchObject({ id: again?.id, seed: 31 });
  });

  it("shuffles a blind comparison's columns", async () => {
    const orders = new Set<string>();
    for (let attempt = 0; attempt < 40 && orders.size < 2; attempt++) {
      const started = await createJobRunner({ ...storage, gateway: () => new Promise(() => undefined) }).startComparison(compare({ blind: true }));
      orders.add(started.columns.map((column) => column.generation.request.model).join());
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it("waits its turn when the cap has fewer places than columns: it is never refused for being large", async () => {
    current().simulator.configure({ latencyMs: 300 });
    const capped = createJobRunner({ ...storage, gateway, limits: { maxConcurrent: 2, dailyImageLimit: null } });
    const started = await capped.startComparison(compare());
    // Two places, three columns: the first two run, the third waits, next in line.
    expect(started.columns.map((column) => [column.generation.status, column.generation.queuedAhead])).toEqual([
      ["running", null],
      ["running", null],
      ["queued", 0],
    ]);
    expect((await capped.usage()).running).toBe(2);
    await capped.idle();
    const done = await storage.store.getComparison(started.id);
    expect(done?.columns.map((column) => column.generation.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    // Never more than two at once: the third was sent only after one of the first two had answered.
    const [first, second, third] = done?.columns.map((column) => column.generation) ?? [];
    expect(third?.timings?.sentAt).toBeGreaterThanOrEqual(Math.min(first?.finishedAt ?? 0, second?.finishedAt ?? 0));
  });

  it("a queued column cancelled gives back what it reserved, and nothing of it is sent", async () => {
    const capped = createJobRunner({ ...storage, gateway: () => new Promise(() => undefined), limits: { maxConcurrent: 1, dailyImageLimit: 10 } });
    const started = await capped.startComparison(compare({ perModel: 2 }));
    // 2 + 1 + 2 images reserved, one column running, two queued.
    expect((await capped.usage()).imagesToday).toBe(5);
    const [, queuedSecond, queuedThird] = started.columns.map((column) => column.generation);
    expect([queuedSecond?.queuedAhead, queuedThird?.queuedAhead]).toEqual([0, 1]);
    expect(await capped.cancel(queuedThird?.id ?? "")).toMatchObject({ status: "cancelled", seed: null });
    expect((await capped.usage()).imagesToday).toBe(3);
    expect((await storage.store.get(queuedSecond?.id ?? ""))?.queuedAhead).toBe(0);
  });

  it("cancels a whole set in one call: the running cells are aborted, the queued ones never sent, even once places free", async () => {
    current().simulator.configure({ latencyMs: 30_000 });
    const capped = createJobRunner({ ...storage, gateway, limits: { maxConcurrent: 2, dailyImageLimit: 100, lingerMs: 100 } });
    const grid = await capped.startGrid({ ...DEFAULT_GRID, model: "wan2.2-t2i-flash", prompt: "a kite", axes: [{ type: "seed", values: [1, 2, 3, 4, 5] }] });
    await vi.waitFor(() => expect(current().simulator.stats().calls).toBe(2));
    const cancelled = await capped.cancelSet(grid.id);
    expect(cancelled?.columns.map((column) => column.generation.status)).toEqual(Array(5).fill("cancelled"));
    await vi.waitFor(() => expect(current().simulator.stats().aborted).toBe(2));
    await capped.idle();
    // The two sent keep their images (the gateway may bill them); the three never sent gave theirs back.
    expect((await capped.usage()).imagesToday).toBe(2);
    // Past the linger, the places are free again and the queue is looked at: nothing of the set is in it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await capped.dispatch();
    await capped.idle();
    expect(current().simulator.stats().calls).toBe(2);
    expect(await capped.cancelSet("no-such-set")).toBeNull();
  });

  it("bills queued work to the day it was reserved, when its record is written past midnight", async () => {
    current().simulator.injectFault({ kind: "bad_key", times: 3 });
    const midnight = Date.UTC(2026, 11, 4);
    let clock = midnight - 1;
    const ticking = createJobRunner({ ...storage, gateway, limits: { maxConcurrent: 10, dailyImageLimit: 100 }, now: () => clock++ });
    await ticking.startComparison(compare());
    await ticking.idle();
    // Refused by the gateway, so nothing was billed: the day reserved gets every image back.
    expect([await storage.store.imagesUsed("2026-12-03"), await storage.store.imagesUsed("2026-12-04")]).toEqual([0, 0]);
  });

  it("is refused whole when the budget cannot pay for every column", async () => {
    // 2 + 1 + 2 images: qwen-image makes one at most.
    const budget = createJobRunner({ ...storage, gateway, limits: { maxConcurrent: 10, dailyImageLimit: 4 } });
    await expect(budget.startComparison(compare({ perModel: 2 }))).rejects.toThrow(expect.objectContaining({ code: "daily_limit_reached" }));
    expect((await budget.usage()).imagesToday).toBe(0);
    await budget.startComparison(compare());
    expect((await budget.usage()).imagesToday).toBe(3);
    await budget.idle();
  });
});

describe("spend limits", () => {
  const limited = (limits: { maxConcurrent: number; dailyImageLimit: number | null }) => createJobRunner({ ...storage, gateway, limits });

  it("refuses more than the concurrent cap with 503 and Retry-After", async () => {
    current().simulator.injectFault({ kind: "hang", times: 2 });
    const capped = limited({ maxConcurrent: 2, dailyImageLimit: null });
    const first = await capped.start(request());
    const second = await capped.start(request());
    await expect(capped.start(request())).rejects.toThrow(expect.objectContaining({ code: "busy", status: 503, retryAfterSeconds: 5 }));
    await capped.cancel(first.id);
    await capped.cancel(second.id);
    await capped.idle();
  });

  it("says when the cap is full of calls whose outcome is unknown, and to come back when the first place frees", async () => {
    let clock = Date.now();
    const capped = createJobRunner({ ...storage, gateway, limits: { maxConcurrent: 2, dailyImageLimit: null, lingerMs: 60_000 }, now: () => clock });
    // Two answers that cannot be read: the gateway may have made (and billed) their images, and may still be at it.
    current().simulator.injectFault({ kind: "garbage", times: 2 });
    await capped.start(request());
    await capped.idle();
    await capped.start(request());
    await capped.idle();
    expect(await capped.usage()).toMatchObject({ running: 0, lingering: 2 });
    clock += 15_500;
    await expect(capped.start(request())).rejects.toThrow(expect.objectContaining({ code: "busy", status: 503, retryAfterSeconds: 45, message: heldPlaces(2, 2, 45) }));
    clock += 44_600;
    await capped.start(request());
    await capped.idle();
  });

  it("holds the daily image budget, counting images, and gives back what the gateway refused", async () => {
    const budget = limited({ maxConcurrent: 10, dailyImageLimit: 5 });
    await budget.start(request({ n: 3 }));
    await budget.idle();
    expect(await budget.usage()).toMatchObject({ imagesToday: 3, dailyImageLimit: 5 });
    await expect(budget.start(request({ n: 3 }))).rejects.toThrow(expect.objectContaining({ code: "daily_limit_reached", status: 429 }));

    current().simulator.injectFault({ kind: "moderation" });
    await budget.start(request({ n: 2 }));
    await budget.idle();
    expect((await budget.usage()).imagesToday).toBe(3);
    await budget.start(request({ n: 2 }));
    await budget.idle();
    expect((await budget.usage()).imagesToday).toBe(5);
  });

  it("keeps what the gateway may have billed: a hanging gateway cannot spend past the budget", async () => {
    // The review's case: a limit of 4, a hanging gateway with a 1 s timeout, requests of n=4.
    const budget = createJobRunner({ ...storage, gateway: gatewayWith(1000), limits: { maxConcurrent: 10, dailyImageLimit: 4, lingerMs: 50 } });
    current().simulator.injectFault({ kind: "hang", times: 3 });
    const first = await budget.start(request({ n: 4 }));
    await budget.idle();
    expect((await storage.store.get(first.id))?.error?.code).toBe("timeout");
    expect((await budget.usage()).imagesToday).toBe(4);
    await expect(budget.start(request({ n: 4 }))).rejects.toThrow(expect.objectContaining({ code: "daily_limit_reached" }));
    expect(current().simulator.stats().calls).toBe(1);
  });

  it.each([
    ["connection_reset", 2, 1],
    // The upstream's own failure, named in its envelope, made nothing, as a task that ended FAILED; a proxy's
    // 502 page may hide work done.
    ["server_error", 0, 1],
    ["bad_gateway", 2, 1],
    ["garbage", 2, 1],
    ["oversized", 2, 1],
    ["unavailable", 0, 3],
    ["moderation", 0, 1],
    ["rate_limit", 0, 1],
    ["bad_key", 0, 1],
    ["task_failed", 0, 1],
    ["task_unknown", 2, 1],
  ] as const)("%s: %i of 2 images counted", async (kind, counted, times) => {
    const budget = limited({ maxConcurrent: 10, dailyImageLimit: 100 });
    current().simulator.injectFault({ kind, times, retryAfterSeconds: 60 });
    const started = await budget.start(request({ n: 2 }));
    await budget.idle();
    expect((await storage.store.get(started.id))?.status).toBe("failed");
    expect((await budget.usage()).imagesToday).toBe(counted);
  });

  it("a cancel before the request is sent gives the images back; one after keeps them, and the slot for a while", async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The gateway's connection is not ready yet when the cancel comes: nothing has been sent.
    const slow = createJobRunner({ ...storage, gateway: async () => held.then(gateway), limits: { maxConcurrent: 1, dailyImageLimit: 100, lingerMs: 300 } });
    const early = await slow.start(request({ n: 2 }));
    await slow.cancel(early.id);
    release();
    await slow.idle();
    expect(await slow.usage()).toMatchObject({ imagesToday: 0, running: 0, lingering: 0 });
    expect(current().simulator.stats().calls).toBe(0);

    current().simulator.injectFault({ kind: "hang" });
    const late = await slow.start(request({ n: 2 }));
    await vi.waitFor(async () => expect(current().simulator.stats().calls).toBe(1));
    await slow.cancel(late.id);
    await slow.idle();
    expect(await slow.usage()).toMatchObject({ imagesToday: 2, running: 0, lingering: 1 });
    // The gateway may still be working on it: its slot is not free at once...
    await expect(slow.start(request())).rejects.toThrow(expect.objectContaining({ code: "busy" }));
    // ...but it is after a while.
    await vi.waitFor(async () => expect((await slow.usage()).lingering).toBe(0));
    await slow.start(request());
    await slow.idle();
  });

  it("a cancel after the gateway answered is refused as too late: the images it billed are kept, never said cancelled meanwhile", async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The answer is in; its images are still on their way when the cancel comes.
    const slowImages = async (): Promise<Gateway> => {
      const base = await gateway();
      return { ...base, fetchImage: async (url, signal) => held.then(() => base.fetchImage(url, signal)) };
    };
    current().simulator.configure({ responseFormat: "url" });
    const late = createJobRunner({ ...storage, gateway: slowImages, limits: { maxConcurrent: 1, dailyImageLimit: 100, lingerMs: 60_000 } });
    const started = await late.start(request({ n: 2 }));
    await vi.waitFor(async () => expect((await storage.store.get(started.id))?.stage).toBe("downloading"));
    await expect(late.cancel(started.id)).rejects.toMatchObject({ code: "conflict", message: TOO_LATE_TO_CANCEL });
    // Not "cancelled, nothing kept" while its images arrive: it runs on, as it is, naming the answer's request id.
    expect(await storage.store.get(started.id)).toMatchObject({ status: "running", stage: "downloading", requestId: expect.stringMatching(/.+/) });
    // Deleting it is not refused: what still runs of it goes on, and the delete follows.
    await cancelBeforeDelete(late, started.id);
    release();
    await late.idle();
    const done = await storage.store.get(started.id);
    expect(done).toMatchObject({ status: "succeeded", billedImages: 2, notices: [] });
    expect(done?.images).toHaveLength(2);
    for (const image of done?.images ?? []) expect(await storage.images.read(image.id, "full")).not.toBeNull();
    // Billed and kept: counted, and its place under the cap is free (the gateway is done with it).
    expect(await late.usage()).toMatchObject({ imagesToday: 2, running: 0, lingering: 0 });
  });

  it("counts every image that came back, more than asked included", async () => {
    const budget = limited({ maxConcurrent: 10, dailyImageLimit: 3 });
    current().simulator.injectFault({ kind: "over_deliver" });
    const started = await budget.start(request({ n: 1 }));
    await budget.idle();
    expect(await storage.store.get(started.id)).toMatchObject({ status: "succeeded", billedImages: 4, notices: ["The gateway returned 4 images, more than the 1 asked for; all are counted."] });
    expect((await storage.store.get(started.id))?.images).toHaveLength(4);
    expect((await budget.usage()).imagesToday).toBe(4);
  });

  it("keeps the count across a restart of the store", async () => {
    const budget = limited({ maxConcurrent: 10, dailyImageLimit: 2 });
    await budget.start(request({ n: 2 }));
    await budget.idle();
    await storage.store.close();
    storage = await openStorage(dir);
    const again = limited({ maxConcurrent: 10, dailyImageLimit: 2 });
    expect((await again.usage()).imagesToday).toBe(2);
    await expect(again.start(request())).rejects.toThrow(expect.objectContaining({ code: "daily_limit_reached" }));
  });
});
