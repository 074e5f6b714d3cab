import { unzipSync } from "fflate";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/batch/csv";
import { toBatchRequest } from "@/lib/batch/batch-request";
import { rowsFromLines, type BatchDefaults } from "@/lib/batch/batch-rows";
import type { ComparisonView } from "@/lib/generation/view";
import { captureConsole, expectErrorBody, settledSet, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/** The batch route and a set's downloads (CSV and zip) in-process, against the simulator on a real socket. */

let harness: RouteHarness;
let batches: typeof import("./route");
let csv: typeof import("../comparisons/[id]/csv/route");
let zip: typeof import("../comparisons/[id]/zip/route");

beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ latencyMs: 20, env: { MAX_CONCURRENT_GENERATIONS: "2" } });
  batches = await import("./route");
  csv = await import("../comparisons/[id]/csv/route");
  zip = await import("../comparisons/[id]/zip/route");
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(async () => harness.server.simulator.reset());

const DEFAULTS: BatchDefaults = { model: "wan2.2-t2i-flash", aspect: "1:1", n: 1, seed: null, promptExtend: false, watermark: false };
const post = (body: unknown) => new Request("http://localhost/api/batches", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

const settled = (id: string) => settledSet(harness, id);

describe("POST /api/batches", () => {
  it("runs every row as a queued job of one history item, rows left without a seed sharing the batch's", async () => {
    const batch = toBatchRequest("Three animals", "lines", rowsFromLines("A fox\nAn owl\n\nA hare", DEFAULTS));
    const response = await batches.POST(post(batch));
    expect(response.status).toBe(202);
    const done = await settled(((await response.json()) as ComparisonView).id);
    expect(done.request).toEqual(batch);
    expect(done.columns.map((column) => [column.generation.request.prompt, column.generation.status])).toEqual([
      ["A fox", "succeeded"],
      ["An owl", "succeeded"],
      ["A hare", "succeeded"],
    ]);
    expect(new Set(done.columns.map((column) => column.generation.seed))).toEqual(new Set([done.seed]));
  });

  it("refuses a batch with a row that breaks a rule, naming its line, before any gateway call", async () => {
    const batch = toBatchRequest("Too long", "lines", rowsFromLines(`A fox\n\n${"x".repeat(2200)}`, DEFAULTS));
    const response = await batches.POST(post(batch));
    const text = await response.text();
    const got = { status: response.status, headers: response.headers, text, json: JSON.parse(text) as unknown };
    expect(expectErrorBody(got)).toBe("invalid_request");
    const fields = (got.json as { error: { fields: Array<{ field: string; message: string }> } }).error.fields;
    expect(fields[0]).toEqual({ field: "rows.1.request.prompt", message: expect.stringMatching(/^Line 3: wan2\.2-t2i-flash reads at most \d+ characters; this prompt has 2200\.$/) });
    expect(harness.server.simulator.stats().calls).toBe(0);
  });
});

describe("a set's downloads", () => {
  it("a zip of 50 images holds 50 PNGs and a manifest that matches the history", async () => {
    const prompts = Array.from({ length: 50 }, (_, index) => `A numbered tile ${index + 1}`).join("\n");
    const done = await settled(((await (await batches.POST(post(toBatchRequest("Fifty", "lines", rowsFromLines(prompts, DEFAULTS))))).json()) as ComparisonView).id);
    const files = unzipSync(new Uint8Array(await (await zip.GET(new Request(`http://localhost/api/comparisons/${done.id}/zip`), params(done.id))).arrayBuffer()));
    const pngs = Object.keys(files).filter((name) => name.endsWith(".png"));
    expect(pngs).toHaveLength(50);
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"])) as Array<{ file: string; prompt: string; seed: number; revised_prompt: string; image_url: string }>;
    expect(manifest.map((entry) => entry.file)).toEqual(pngs);
    // Line by line what the history holds: the prompt, the seed sent, the revised prompt and the image's link.
    expect(manifest.map(({ prompt, seed, revised_prompt, image_url }) => ({ prompt, seed, revised_prompt, image_url }))).toEqual(
      done.columns.map(({ generation }) => ({
        prompt: generation.request.prompt,
        seed: generation.seed,
        revised_prompt: generation.images[0]?.revisedPrompt,
        image_url: `http://localhost${generation.images[0]?.downloadSrc}`,
      })),
    );
  });


  it("give its results as CSV and its images as a zip with the same table, each PNG with its settings inside", async () => {
    const batch = toBatchRequest("Two", "lines", rowsFromLines("A red fox\nA white owl", { ...DEFAULTS, n: 2 }));
    const done = await settled(((await (await batches.POST(post(batch))).json()) as ComparisonView).id);

    const table = await (await csv.GET(new Request(`http://localhost/api/comparisons/${done.id}/csv`), params(done.id))).text();
    const [header, ...lines] = parseCsv(table).map((row) => row.cells);
    expect(header).toEqual(["item", "prompt", "negative_prompt", "revised_prompt", "model", "size", "seed", "settings", "created", "request_id", "status", "error", "file", "image_url", "input_file", "input_url"]);
    expect(lines.map((line) => [line[0], line[1], line[4], line[10]])).toEqual([
      ["line 1", "A red fox", "wan2.2-t2i-flash", "succeeded"],
      ["line 1", "A red fox", "wan2.2-t2i-flash", "succeeded"],
      ["line 2", "A white owl", "wan2.2-t2i-flash", "succeeded"],
      ["line 2", "A white owl", "wan2.2-t2i-flash", "succeeded"],
    ]);
    expect(lines[0]?.[13]).toBe(`http://localhost${done.columns[0]?.generation.images[0]?.downloadSrc}`);
    expect(JSON.parse(lines[0]?.[7] ?? "")).toEqual({ size: "1024*1024", n: 2, prompt_extend: false, watermark: false });
    expect(lines[0]?.[8]).toBe(new Date(done.columns[0]?.generation.createdAt ?? 0).toISOString());
    expect(lines[0]?.[9]).toBe(done.columns[0]?.generation.requestId);

    const response = await zip.GET(new Request(`http://localhost/api/comparisons/${done.id}/zip`), params(done.id));
    expect(response.headers.get("content-disposition")).toContain("batch_two.zip");
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const pngs = Object.keys(files).filter((name) => name.endsWith(".png"));
    expect(pngs).toEqual(lines.map((line) => line[12]));
    for (const name of pngs) {
      const png = Buffer.from(files[name] ?? []);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect(png.includes(Buffer.from("revised_prompt"))).toBe(true);
    }
    expect(new TextDecoder().decode(files["manifest.csv"])).toBe(table);
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"])) as Array<Record<string, unknown>>;
    expect(manifest.map((entry) => entry.file)).toEqual(pngs);
    expect(manifest[0]).toMatchObject({ prompt: "A red fox", model: "wan2.2-t2i-flash", seed: done.seed, status: "succeeded" });
  });

  it("a zip asked for from the Chinese interface says in Chinese which image it could not hold", async () => {
    const done = await settled(((await (await batches.POST(post(toBatchRequest("One gone", "lines", rowsFromLines("A grey heron\nA blue jay", DEFAULTS))))).json()) as ComparisonView).id);
    const gone = done.columns[1]?.generation.images[0];
    if (!gone) throw new Error("no image to lose");
    await harness.history.images.remove(gone.id);
    const files = unzipSync(new Uint8Array(await (await zip.GET(new Request(`http://localhost/api/comparisons/${done.id}/zip`, { headers: { cookie: "lang=zh" } }), params(done.id))).arrayBuffer()));
    expect(new TextDecoder().decode(files["README.txt"])).toMatch(/^有 1 张图片在生成此 zip 时被删除，未包含在内：images\/002_.*\.png。\n$/);
  });
});
