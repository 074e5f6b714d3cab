import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComparisonView, GenerationView } from "@/lib/generation/view";
import { defaultRequest } from "@/lib/models/defaults";
import { readPngText } from "@/lib/png/text-chunks";
import { captureConsole, expectErrorBody, jsonPost, post, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/** The download route in-process: metadata written for any prompt, and no blind comparison's model given away. */

let harness: RouteHarness;
let download: typeof import("./route");
let comparisons: typeof import("../../../comparisons/route");

beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ latencyMs: 0 });
  download = await import("./route");
  comparisons = await import("../../../comparisons/route");
});
afterAll(async () => {
  await harness?.close();
});

const fetchDownload = async (id: string) => {
  const response = await download.GET(new Request(`http://localhost/api/images/${id}/download`), { params: Promise.resolve({ id }) });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
};

const generate = async (prompt: string): Promise<GenerationView> => {
  const body = { ...defaultRequest("wan2.2-t2i-flash"), prompt, width: 512, height: 512 };
  const got = await post(harness, jsonPost(JSON.stringify(body), { prefer: "wait=10" }));
  expect(got.status, got.text).toBe(200);
  return got.json as GenerationView;
};

describe("downloads", () => {
  it("writes the title of a prompt whose 200th character is an emoji or a rare CJK character", async () => {
    for (const last of ["🐱", "𠀀"]) {
      const prompt = `${"x".repeat(199)}${last} and more`;
      const generation = await generate(prompt);
      const got = await fetchDownload(generation.images[0]?.id ?? "");
      expect(got.status).toBe(200);
      const text = Object.fromEntries(readPngText(got.bytes).map((entry) => [entry.keyword, entry.text]));
      expect(text.Title).toBe(`${"x".repeat(199)}${last}`);
      expect(text.prompt).toBe(prompt);
    }
  });

  it("refuses a prompt holding half of a character before anything is made", async () => {
    const body = { ...defaultRequest("wan2.2-t2i-flash"), prompt: "a \ud800 kitten", width: 512, height: 512 };
    const got = await post(harness, jsonPost(JSON.stringify(body)));
    expect(expectErrorBody(got)).toBe("invalid_request");
    expect(got.text).toContain("holds a broken character");
  });

  it("still downloads a record kept before such prompts were refused, with the broken character replaced", async () => {
    const { store, images } = harness.history;
    const id = randomUUID();
    const imageId = randomUUID();
    await store.create({ id, createdAt: Date.now(), request: { ...defaultRequest("wan2.2-t2i-flash"), prompt: "old \ud800 prompt", width: 512, height: 512 } });
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#345" } }).png().toBuffer();
    await images.put(imageId, png, png);
    await store.complete(id, { finishedAt: Date.now(), durationMs: 1, images: [{ id: imageId, position: 0, width: 8, height: 8, mime: "image/png", bytes: png.length, revisedPrompt: "revised \udc00" }] });
    const got = await fetchDownload(imageId);
    expect(got.status).toBe(200);
    const text = Object.fromEntries(readPngText(got.bytes).map((entry) => [entry.keyword, entry.text]));
    expect(text.prompt).toBe("old \ufffd prompt");
    expect(text.revised_prompt).toBe("revised \ufffd");
  });

  it("refuses an unrevealed blind comparison's image, whose file name would name the model", async () => {
    const body = { models: ["wan2.2-t2i-flash", "qwen-image"], prompt: "a fox", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 1, promptExtend: false, watermark: false, blind: true };
    const started = await comparisons.POST(jsonPost(JSON.stringify(body)));
    const { id } = (await started.json()) as ComparisonView;
    await harness.history.runner.idle();
    const comparison = await harness.history.store.getComparison(id);
    const imageId = comparison?.columns[0]?.generation.images[0]?.id ?? "";
    const refused = await fetchDownload(imageId);
    expect(refused.status).toBe(403);
    const text = refused.bytes.toString();
    expect(text).toContain("blind comparison");
    for (const model of ["wan2.2-t2i-flash", "qwen-image", "Wan", "Qwen"]) expect(text).not.toContain(model);
    await harness.history.store.updateComparison(id, { revealed: true });
    const revealed = await fetchDownload(imageId);
    expect(revealed.status).toBe(200);
    expect(revealed.headers.get("content-disposition")).toMatch(/(wan2\.2-t2i-flash|qwen-image)_seed1_a-fox/);
  });
});
