import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BLIND_UNASKED_SIZE } from "@/lib/compare/blind-view";
import type { ComparisonView, GenerationView, ListedPage } from "@/lib/generation/view";
import { MODELS } from "@/lib/models/registry";
import type { GenerateRequest } from "@/lib/models/request-schema";
import { captureConsole, settledSet, startRouteHarness, type RouteHarness } from "@/test/route-harness";
import { blindSpendKey } from "@/lib/pricing/prices";

/**
 * The owner's own API answers for a blind comparison not yet revealed: the history, the comparison, each
 * column, the live stream and the images give no column's model away, until the reveal.
 */

let harness: RouteHarness;
const routes = {} as {
  comparisons: typeof import("./route");
  comparison: typeof import("./[id]/route");
  generations: typeof import("../generations/route");
  generation: typeof import("../generations/[id]/route");
  cancel: typeof import("../generations/[id]/cancel/route");
  cancelSet: typeof import("./[id]/cancel/route");
  retry: typeof import("./[id]/retry/route");
  events: typeof import("../events/route");
  image: typeof import("../images/[id]/route");
  thumb: typeof import("../images/[id]/thumb/route");
  download: typeof import("../images/[id]/download/route");
};

beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ latencyMs: 400 });
  Object.assign(routes, {
    comparisons: await import("./route"),
    comparison: await import("./[id]/route"),
    generations: await import("../generations/route"),
    generation: await import("../generations/[id]/route"),
    cancel: await import("../generations/[id]/cancel/route"),
    cancelSet: await import("./[id]/cancel/route"),
    retry: await import("./[id]/retry/route"),
    events: await import("../events/route"),
    image: await import("../images/[id]/route"),
    thumb: await import("../images/[id]/thumb/route"),
    download: await import("../images/[id]/download/route"),
  });
});
afterAll(async () => {
  await harness?.close();
});

const COMPARED = ["wan2.6-t2i", "qwen-image-max", "wan2.2-t2i-flash"] as const;
/**
 * Every word that would name a model compared (ids and names), and the sizes each would be given at 16:9, as a
 * size is written (a JSON number, "1280*720"), not as a part of a random seed or an id ("…412803…").
 */
const TELLS = [
  ...MODELS.filter((model) => (COMPARED as readonly string[]).includes(model.id)).flatMap((model) => [model.id, model.name]),
  ...["1280", "1664", "1344"].map((side) => new RegExp(`(?<=[:*"\\s])${side}(?=[,*}"\\s])`)),
];
/** What may name a model in an answer: the comparison's own settings (the owner's choice, for "Reuse settings") and each column's stand-in. */
const withoutSettings = (text: string) => text.replace(/"models":\[[^\]]*\]/g, '"models":[]').replace(/"model":"qwen-image-max"/g, '"model":""');

const expectNoTell = (what: string, text: string) => {
  for (const tell of TELLS) expect(withoutSettings(text), `${what} names ${tell}`).not.toMatch(tell);
};

const get = (url: string) => new Request(`http://localhost${url}`);
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

/** Reads the live stream until `until` resolves, and answers every frame it carried. */
const readEvents = async (until: Promise<unknown>): Promise<string> => {
  const abort = new AbortController();
  const response = await routes.events.GET(new Request("http://localhost/api/events", { signal: abort.signal }));
  const reader = response.body?.getReader();
  if (!reader) throw new Error("no stream");
  let text = "";
  const decoder = new TextDecoder();
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      text += decoder.decode(value);
    }
  })();
  await until;
  // A last change (the final column's) may still be on its way to the stream.
  await new Promise((resolve) => setTimeout(resolve, 300));
  abort.abort();
  await reader.cancel().catch(() => {});
  await reading.catch(() => {});
  return text;
};

describe("a blind comparison in its owner's history", () => {
  it("names no model, size, timing or rewrite of any column in any answer until the reveal, and shows the columns together", async () => {
    // One model fails at once while the others take their time: without care, the failure would show first.
    harness.server.simulator.injectFault({ kind: "server_error", model: "wan2.2-t2i-flash", times: 10 });
    const body = { models: COMPARED, prompt: "A lighthouse at dawn", negativePrompt: "", aspect: "16:9", perModel: 1, seed: null, promptExtend: true, watermark: false, blind: true };
    const startedResponse = await routes.comparisons.POST(new Request("http://localhost/api/comparisons", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
    const startedText = await startedResponse.text();
    expectNoTell("the answer to starting it", startedText);
    const started = JSON.parse(startedText) as ComparisonView;
    const events = await readEvents(settledSet(harness, started.id));

    expectNoTell("the live stream", events);
    const frames = events.split("\n\n").filter((frame) => frame.includes(`"id":"${started.id}"`));
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) {
      const statuses = [...frame.matchAll(/"comparisonId":"[^"]+","status":"(\w+)"/g)].map((match) => match[1]);
      // Every column running, or every column ended: never one done beside one at work.
      expect(new Set(statuses.map((status) => status === "running" || status === "queued")).size, frame).toBeLessThanOrEqual(1);
    }

    const listText = await (await routes.generations.GET(get("/api/generations"))).text();
    expectNoTell("the history's list", listText);
    const listed = (JSON.parse(listText) as ListedPage).items.find((item) => item.id === started.id) as ComparisonView;
    expect(listed.columns.map(({ generation }) => generation.status).sort()).toEqual(["failed", "succeeded", "succeeded"]);
    expect(listed.columns.find(({ generation }) => generation.status === "failed")?.generation.error?.code).toBe("upstream_error");

    const oneText = await (await routes.comparison.GET(get(`/api/comparisons/${started.id}`), params({ id: started.id }))).text();
    expectNoTell("the comparison", oneText);
    const starred = await (await routes.comparison.PATCH(new Request(`http://localhost/api/comparisons/${started.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ starred: true }) }), params({ id: started.id }))).text();
    expectNoTell("the answer to starring it", starred);

    const shapes = new Set<string>();
    for (const { generation } of listed.columns) {
      expectNoTell("a column", await (await routes.generation.GET(get(`/api/generations/${generation.id}`), params({ id: generation.id }))).text());
      expectNoTell("a cancel of a column", await (await routes.cancel.POST(new Request(`http://localhost/api/generations/${generation.id}/cancel`, { method: "POST" }), params({ id: generation.id }))).text());
      for (const image of generation.images) {
        expect(image.src).toBe(`/api/images/${image.id}?blind`);
        for (const [route, side] of [[routes.image, 1024], [routes.thumb, 480]] as const) {
          const response = await route.GET(get(image.src), params({ id: image.id }));
          expect(response.headers.get("content-type")).toBe("image/jpeg");
          expect(response.headers.get("cache-control")).toBe("private, no-store");
          const bytes = Buffer.from(await response.arrayBuffer());
          const meta = await sharp(bytes).metadata();
          expect([meta.exif, meta.xmp, meta.iptc, meta.comments]).toEqual([undefined, undefined, undefined, undefined]);
          expectNoTell("an image's bytes", bytes.toString("latin1"));
          expect(meta.width).toBe(side);
          shapes.add(`${meta.width}x${meta.height}`);
        }
        expect((await routes.download.GET(get(image.downloadSrc), params({ id: image.id }))).status).toBe(403);
      }
    }
    // Two images, each at the one frame of its kind (full and thumbnail), whichever model made it.
    expect([...shapes].sort()).toEqual(["1024x576", "480x270"]);

    // Today's spend rose under the comparison's models together (priced at their mean), never one model's own.
    const spent = await harness.history.store.spendOn(new Date().toISOString().slice(0, 10));
    expect(spent.map((row) => row.model)).toEqual([blindSpendKey(COMPARED)]);
    expectNoTell("today's spend", JSON.stringify(spent.map((row) => ({ ...row, model: "" }))));

    // The reveal gives everything back: names, sizes, the originals.
    const revealed = (await (await routes.comparison.PATCH(new Request(`http://localhost/api/comparisons/${started.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ revealed: true }) }), params({ id: started.id }))).json()) as ComparisonView;
    expect(revealed.columns.map(({ generation }) => generation.request.model).sort()).toEqual([...COMPARED].sort());
    const made = revealed.columns.flatMap(({ generation }) => generation.images);
    expect(made.map((image) => image.src)).toEqual(made.map((image) => `/api/images/${image.id}`));
    const first = made[0];
    if (!first) throw new Error("no image");
    const original = await routes.image.GET(get(first.src), params({ id: first.id }));
    expect(original.headers.get("content-type")).toBe("image/png");
    const column = revealed.columns.find(({ generation }) => generation.images.includes(first))?.generation as GenerationView<GenerateRequest>;
    expect(await sharp(Buffer.from(await original.arrayBuffer())).metadata()).toMatchObject({ width: column.request.width, height: column.request.height });
  });

  it("stops its columns only all together, and retries none until every one has ended: one at a time, the answers would tell which finished first", async () => {
    const body = { models: COMPARED, prompt: "A harbour at noon", negativePrompt: "", aspect: "1:1", perModel: 1, seed: null, promptExtend: true, watermark: false, blind: true };
    const started = (await (await routes.comparisons.POST(new Request("http://localhost/api/comparisons", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }))).json()) as ComparisonView;
    const column = started.columns[0]?.generation.id ?? "";
    const post = (url: string, json?: unknown) => new Request(`http://localhost${url}`, { method: "POST", headers: { "content-type": "application/json" }, ...(json !== undefined && { body: JSON.stringify(json) }) });
    const one = await routes.cancel.POST(post(`/api/generations/${column}/cancel`), params({ id: column }));
    expect(one.status).toBe(409);
    expect(((await one.json()) as { error: { message: string } }).error.message).toMatch(/^A blind comparison's columns are stopped all together/);
    expect((await routes.retry.POST(post(`/api/comparisons/${started.id}/retry`, { column }), params({ id: started.id }))).status).toBe(409);
    expect((await harness.history.store.get(column))?.status).toBe("running");

    const all = await routes.cancelSet.POST(post(`/api/comparisons/${started.id}/cancel`), params({ id: started.id }));
    expect(all.status).toBe(200);
    expect(all.headers.get("playground-change-id")).toMatch(/^\d+$/);
    const text = await all.text();
    expectNoTell("the answer to cancelling it", text);
    const stopped = JSON.parse(text) as ComparisonView;
    expect(stopped.columns.every(({ generation }) => generation.status === "cancelled")).toBe(true);
    await settledSet(harness, started.id);
    // Every column ended, its outcomes shown together: a column may be retried now.
    expect((await routes.retry.POST(post(`/api/comparisons/${started.id}/retry`, { column }), params({ id: started.id }))).status).toBe(202);
  });

  it("says a column's images came at another size than asked without a size until the reveal (each model is asked its own), and in full after it", async () => {
    // Nothing left running or queued from earlier tests takes these faults: the slow drip answers one 1*1 PNG whatever was asked.
    await harness.history.runner.idle();
    harness.server.simulator.reset();
    for (const model of COMPARED) harness.server.simulator.injectFault({ kind: "slow_drip", model });
    const body = { models: COMPARED, prompt: "A pier at dusk", negativePrompt: "", aspect: "16:9", perModel: 1, seed: null, promptExtend: true, watermark: false, blind: true };
    const started = (await (await routes.comparisons.POST(new Request("http://localhost/api/comparisons", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }))).json()) as ComparisonView;
    const events = await readEvents(settledSet(harness, started.id));
    const oneText = await (await routes.comparison.GET(get(`/api/comparisons/${started.id}`), params({ id: started.id }))).text();
    const answers: Array<[string, string]> = [
      ["the live stream", events],
      // The list holds the earlier tests' comparisons too, the first revealed: this one alone is looked at.
      ["the history's list", JSON.stringify(((await (await routes.generations.GET(get("/api/generations"))).json()) as ListedPage).items.find((item) => item.id === started.id))],
      ["the comparison", oneText],
    ];
    const hidden = JSON.parse(oneText) as ComparisonView;
    for (const { generation } of hidden.columns) answers.push(["a column", await (await routes.generation.GET(get(`/api/generations/${generation.id}`), params({ id: generation.id }))).text()]);
    for (const [what, text] of answers) {
      expectNoTell(what, text);
      // Any size written out ("1664*928") would tell: every model is asked its own at the shape chosen.
      expect(text, `${what} writes a size`).not.toMatch(/\d\*\d/);
    }
    expect(hidden.columns.map(({ generation }) => generation.notices)).toEqual(COMPARED.map(() => [BLIND_UNASKED_SIZE]));

    const revealed = (await (await routes.comparison.PATCH(new Request(`http://localhost/api/comparisons/${started.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ revealed: true }) }), params({ id: started.id }))).json()) as ComparisonView;
    const asked = revealed.columns.map(({ generation }) => generation.request as GenerateRequest);
    expect(new Set(asked.map(({ width, height }) => `${width}*${height}`)).size).toBe(COMPARED.length);
    expect(revealed.columns.map(({ generation }) => generation.notices)).toEqual(asked.map(({ width, height }) => [`The gateway's image is 1*1, not the ${width}*${height} asked for.`]));
  }, 30_000);
});
