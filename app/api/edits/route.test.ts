import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUT_GONE } from "@/lib/edit/edit-request";
import { followInputSize } from "@/lib/edit/output-size";
import type { GenerationView, InputImageView } from "@/lib/generation/view";
import { getEditModel } from "@/lib/models/edit-models";
import { CANARY_KEY, captureConsole, expectErrorBody, getRecord, postJson, startRouteHarness, type Answer, type RouteHarness } from "@/test/route-harness";

/** Uploading an input and editing it, through the real routes, the real store and the simulator on a socket. */

let harness: RouteHarness;
let inputs: typeof import("@/app/api/inputs/route");
let edits: typeof import("@/app/api/edits/route");
beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ latencyMs: 20 });
  inputs = await import("@/app/api/inputs/route");
  edits = await import("@/app/api/edits/route");
});
afterAll(async () => {
  await harness?.close();
});

const read = async (response: Response): Promise<Answer> => {
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? (JSON.parse(text) as unknown) : undefined };
};

const upload = async (bytes: Buffer, type = "image/png"): Promise<Answer> =>
  read(await inputs.POST(new Request("http://localhost/api/inputs", { method: "POST", headers: { "content-type": type }, body: new Uint8Array(bytes) })));

const fromResult = async (imageId: string): Promise<Answer> =>
  read(await inputs.POST(new Request("http://localhost/api/inputs", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ imageId }) })));

const startEdit = async (body: Record<string, unknown>): Promise<Answer> =>
  read(
    await edits.POST(
      new Request("http://localhost/api/edits", { method: "POST", headers: { "content-type": "application/json", prefer: "wait=10" }, body: JSON.stringify(body) }),
    ),
  );

const picture = (width: number, height: number, format: "png" | "jpeg" = "png") =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 90, b: 160 } } }).toFormat(format).toBuffer();

const editBody = (input: InputImageView, overrides: Record<string, unknown> = {}) => ({
  model: "qwen-image-edit-plus",
  input: { id: input.id, width: input.width, height: input.height },
  prompt: "make the sky stormy",
  negativePrompt: "",
  size: null,
  n: 1,
  seed: 5,
  promptExtend: true,
  watermark: false,
  ...overrides,
});

describe("POST /api/inputs", () => {
  it("keeps an upload, judged by its bytes whatever the header says, and the same bytes twice as one", async () => {
    const bytes = await picture(800, 600);
    const first = await upload(bytes, "application/octet-stream");
    expect(first.status, first.text).toBe(201);
    const input = first.json as InputImageView;
    expect(input).toMatchObject({ width: 800, height: 600, src: `/api/images/${input.id}`, thumbSrc: `/api/images/${input.id}/thumb`, from: null });
    expect(((await upload(bytes)).json as InputImageView).id).toBe(input.id);
    expect(await harness.history.store.input(input.id)).toMatchObject({ mime: "image/png", width: 800, height: 600 });
  });

  it("refuses a disguised file, a tiny one and a damaged one with the reason, and an oversized body unread", async () => {
    const disguised = await upload(Buffer.from("plain text named photo.png"));
    expect(expectErrorBody(disguised)).toBe("invalid_request");
    expect(disguised.json).toMatchObject({ error: { message: "That file is not a PNG, JPEG or WebP image (judged by its contents, not its name).", fields: [{ field: "input" }] } });
    const tiny = await upload(await picture(200, 900));
    expect((tiny.json as { error: { message: string } }).error.message).toBe("The image is 200*900; each side needs at least 384 px for the model to work with.");
    const jpeg = await picture(800, 600, "jpeg");
    expect((await upload(jpeg.subarray(0, jpeg.length / 2), "image/jpeg")).status).toBe(400);
    const huge = await upload(Buffer.concat([await picture(800, 600), Buffer.alloc(12 * 1024 * 1024)]));
    expect(expectErrorBody(huge)).toBe("payload_too_large");
  });

  it("turns a phone photo upright by its EXIF orientation", async () => {
    const rotated = await sharp({ create: { width: 640, height: 400, channels: 3, background: "#336699" } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await upload(rotated, "image/jpeg")).json).toMatchObject({ width: 400, height: 640 });
  });

  it("says so when the history result asked for does not exist", async () => {
    expect(expectErrorBody(await fromResult("no-such-image-id"))).toBe("not_found");
  });
});

describe("POST /api/edits", () => {
  it("edits an upload through /v1/images/edits, with the image as a data URI, and keeps the input with the result", async () => {
    const input = (await upload(await picture(800, 600))).json as InputImageView;
    const got = await startEdit(editBody(input));
    expect(got.status, got.text).toBe(200);
    const record = got.json as GenerationView;
    const size = followInputSize(getEditModel("qwen-image-edit-plus"), input);
    expect(record).toMatchObject({ status: "succeeded", seed: 5, input: { id: input.id, width: 800, height: 600 }, chain: [], images: [size] });
    expect(harness.server.simulator.stats().lastRequest).toMatchObject({ model: "qwen-image-edit-plus", size: null, image: expect.stringMatching(/^data:image\/png \(\d+ bytes, 800\*600\)$/) });
    expect(await getRecord(harness, record.id)).toMatchObject({ input: { id: input.id }, request: { input: { id: input.id } } });
    // The megabytes of the data URI went to the gateway only: never back to a browser, in the record or the list.
    const list = await read(await harness.generations.GET(new Request("http://localhost/api/generations")));
    for (const text of [got.text, list.text]) expect(text).not.toMatch(/data:image|base64/);
  });

  it("words the gateway's refusal of an edit with its input image among the causes", async () => {
    const input = (await upload(await picture(800, 600))).json as InputImageView;
    const injected = await fetch(`${harness.server.url}/__sim/faults`, { method: "POST", headers: { authorization: `Bearer ${CANARY_KEY}` }, body: JSON.stringify({ kind: "moderation" }) });
    expect(injected.status).toBe(200);
    const got = await startEdit(editBody(input));
    expect(got.json).toMatchObject({
      status: "failed",
      error: { code: "moderation_refused", message: "The content moderation refused this edit: its input image, its instruction or the negative prompt. Change one of them and try again." },
    });
  });

  it("keeps images of another size than asked, or than following the input gives, and says so", async () => {
    const input = (await upload(await picture(800, 600))).json as InputImageView;
    const said: string[][] = [];
    for (const size of [{ width: 1536, height: 1024 }, null]) {
      // The slow drip answers one 1*1 PNG whatever was asked.
      harness.server.simulator.injectFault({ kind: "slow_drip" });
      const { id } = (await startEdit(editBody(input, { size }))).json as GenerationView;
      await harness.history.runner.idle();
      const record = await getRecord(harness, id);
      expect(record).toMatchObject({ status: "succeeded", images: [{ width: 1, height: 1 }] });
      said.push([...record.notices]);
    }
    expect(said).toEqual([["The gateway's image is 1*1, not the 1536*1024 asked for."], ["The gateway's image is 1*1, where following the input gives about 1184*880."]]);
  }, 30_000);

  it("checks the input the server holds, not the size the request claims", async () => {
    const input = (await upload(await picture(900, 700))).json as InputImageView;
    const got = await startEdit(editBody(input, { input: { id: input.id, width: 1000, height: 1000 } }));
    expect(got.status, got.text).toBe(200);
    expect((got.json as GenerationView).request).toMatchObject({ input: { id: input.id, width: 900, height: 700 } });
    // A size the client has wrong, or none at all, is not refused: the one on record is what counts.
    for (const claimed of [{ width: 0, height: 0 }, {}]) {
      const again = await startEdit(editBody(input, { input: { id: input.id, ...claimed } }));
      expect(again.status, again.text).toBe(200);
    }
  });

  it("refuses an input that is not on record, and a size the model does not take, before calling the gateway", async () => {
    const calls = harness.server.simulator.stats().calls;
    const missing = await startEdit(editBody({ id: "gone", width: 800, height: 600, src: "", thumbSrc: "", from: null }));
    expect(expectErrorBody(missing)).toBe("invalid_request");
    expect(missing.json).toMatchObject({ error: { fields: [{ field: "input", message: INPUT_GONE }] } });
    // Gone is what is said, whatever size it claims.
    const staleSize = await startEdit(editBody({ id: "gone", width: 0, height: 0, src: "", thumbSrc: "", from: null }));
    expect(staleSize.json).toMatchObject({ error: { fields: [{ field: "input", message: INPUT_GONE }] } });
    const input = (await upload(await picture(800, 600))).json as InputImageView;
    const sized = await startEdit(editBody(input, { model: "qwen-image-edit", promptExtend: false, size: { width: 1024, height: 1024 } }));
    expect(expectErrorBody(sized)).toBe("invalid_request");
    expect(harness.server.simulator.stats().calls).toBe(calls);
  });

  it("chains: a result becomes the next input, and the chain outlives a deleted step", async () => {
    const start = (await postJson(harness, JSON.stringify({ model: "wan2.2-t2i-flash", prompt: "a lighthouse", negativePrompt: "", width: 768, height: 512, n: 1, seed: 1, promptExtend: false, watermark: false }), { prefer: "wait=10" })).json as GenerationView;
    const firstInput = (await fromResult(start.images[0]?.id ?? "")).json as InputImageView;
    expect(firstInput).toMatchObject({ width: 768, height: 512, from: { generationId: start.id, prompt: "a lighthouse" } });
    expect(((await fromResult(start.images[0]?.id ?? "")).json as InputImageView).id).toBe(firstInput.id);
    const first = (await startEdit(editBody(firstInput, { prompt: "add a storm" }))).json as GenerationView;
    const secondInput = (await fromResult(first.images[0]?.id ?? "")).json as InputImageView;
    const second = (await startEdit(editBody(secondInput, { prompt: "night, beam lit" }))).json as GenerationView;
    expect(second.chain).toEqual([
      { generationId: start.id, model: "wan2.2-t2i-flash", prompt: "a lighthouse", exists: true },
      { generationId: first.id, model: "qwen-image-edit-plus", prompt: "add a storm", exists: true },
    ]);

    const deleted = await read(await harness.generation.DELETE(new Request(`http://localhost/api/generations/${first.id}`, { method: "DELETE" }), { params: Promise.resolve({ id: first.id }) }));
    expect(deleted.status).toBe(204);
    const after = await getRecord(harness, second.id);
    // The deleted step is still named, and the walk goes on past it, from the copies the inputs keep.
    expect(after.chain).toEqual([
      { generationId: start.id, model: "wan2.2-t2i-flash", prompt: "a lighthouse", exists: true },
      { generationId: first.id, model: "qwen-image-edit-plus", prompt: "add a storm", exists: false },
    ]);
    expect(after.input).toMatchObject({ id: secondInput.id });
    expect(await harness.history.images.read(secondInput.id, "full")).not.toBeNull();
  });
});
