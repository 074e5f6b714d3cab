import sharp from "sharp";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEditFileStore } from "./edit-files";
import { createSimulator, type Simulator } from "./handler";
import { TEST_KEY, type ImageItem } from "./test-support";

const ORIGIN = "http://simulator.test";

/** A picture with shapes to recognise, so "still looks like the input" can be measured rather than assumed. */
const scene = (width: number, height: number, format: "png" | "jpeg" | "webp" = "png"): Promise<Buffer> => {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 800 600" preserveAspectRatio="none">` +
    `<rect width="800" height="300" fill="#4a90d9"/><rect y="300" width="800" height="300" fill="#2f6f2f"/>` +
    `<circle cx="600" cy="150" r="70" fill="#ffd700"/><rect x="150" y="220" width="200" height="160" fill="#5a3010"/></svg>`;
  return sharp(Buffer.from(svg)).toFormat(format).toBuffer();
};

const dataUri = (bytes: Buffer, type = "image/png") => `data:${type};base64,${bytes.toString("base64")}`;

const editBody = (model: string, prompt: string, image: string | null, parameters: Record<string, unknown> = {}) => ({
  model,
  input: { messages: [{ role: "user", content: [...(image === null ? [] : [{ image }]), ...(prompt === "" ? [] : [{ text: prompt }])] }] },
  parameters,
});

const post = (simulator: Simulator, body: unknown, key: string | null = TEST_KEY): Promise<Response> =>
  simulator.handle(
    new Request(`${ORIGIN}/v1/images/edits`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key === null ? {} : { authorization: `Bearer ${key}` }) },
      body: JSON.stringify(body),
    }),
  );

const imagesOf = async (response: Response): Promise<ImageItem[]> => {
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: ImageItem[] }).data;
};

const errorOf = async (response: Response) => (await response.json()) as { code: string; message: string; request_id: string };

const pngOf = (item: ImageItem | undefined): Buffer => Buffer.from(item?.b64_json ?? "", "base64");

/** "1024*1536 png": the picture's size and type in the wire's own notation. */
const shapeOf = async (png: Buffer): Promise<string> => {
  const metadata = await sharp(png).metadata();
  return `${metadata.width}*${metadata.height} ${metadata.format}`;
};

/** What following the input is about: the same aspect ratio, at about the model's pixel count. */
const proportionsOf = async (png: Buffer) => {
  const { width = 0, height = 0 } = await sharp(png).metadata();
  return { aspect: width / height, pixels: width * height };
};

/** Mean difference in lightness (0..255) of two pictures seen small, ignoring colour: a hue change costs little. */
const lightnessDistance = async (a: Buffer, b: Buffer): Promise<number> => {
  const small = (png: Buffer) => sharp(png).resize(32, 24, { fit: "fill" }).greyscale().raw().toBuffer();
  const [x, y] = await Promise.all([small(a), small(b)]);
  return x.reduce((sum, value, index) => sum + Math.abs(value - (y[index] ?? 0)), 0) / x.length;
};

let simulator: Simulator;
let photo: Buffer;
let photoUri: string;

beforeAll(async () => {
  photo = await scene(800, 600);
  photoUri = dataUri(photo);
});
beforeEach(() => {
  simulator = createSimulator({ responseFormat: "b64_json" });
});

describe("a successful edit", () => {
  it("answers n PNGs of the asked size inline in b64_json, with url empty", async () => {
    const images = await imagesOf(await post(simulator, editBody("qwen-image-edit-plus", "make the sky stormy", photoUri, { size: "1024*1536", n: 2, seed: 42 })));
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image.url).toBe("");
      expect(await shapeOf(pngOf(image))).toBe("1024*1536 png");
    }
    expect(pngOf(images[0]).equals(pngOf(images[1]))).toBe(false);
  });

  it("serves url answers from memory under an edit- name, and 404s a name it does not hold", async () => {
    simulator.configure({ responseFormat: "url" });
    const images = await imagesOf(await post(simulator, editBody("qwen-image-2.0-pro", "add a rainbow", photoUri, { size: "768*512", n: 3 })));
    expect(images).toHaveLength(3);
    for (const image of images) {
      expect(image.b64_json).toBe("");
      expect(image.url).toMatch(new RegExp(`^${ORIGIN}/v1/files/edit-[0-9a-f]{32}\\.png\\?Expires=\\d+$`));
      const file = await simulator.handle(new Request(image.url));
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toBe("image/png");
      expect(await shapeOf(Buffer.from(await file.arrayBuffer()))).toBe("768*512 png");
    }
    const gone = await simulator.handle(new Request(`${ORIGIN}/v1/files/edit-${"0".repeat(32)}.png`));
    expect(gone.status).toBe(404);
    expect((await errorOf(gone)).message).toContain("expired");
  });

  it("follows the input's aspect ratio at about 1024*1024 when the model takes no size", async () => {
    const [image] = await imagesOf(await post(simulator, editBody("qwen-image-edit", "make it night", photoUri, { seed: 1 })));
    const { aspect, pixels } = await proportionsOf(pngOf(image));
    expect(Math.abs(aspect / (800 / 600) - 1)).toBeLessThan(0.02);
    expect(Math.abs(pixels / (1024 * 1024) - 1)).toBeLessThan(0.05);
  });

  it("also follows the input when a model that takes a size is given none", async () => {
    const portrait = dataUri(await scene(600, 900, "jpeg"), "image/jpeg");
    const [image] = await imagesOf(await post(simulator, editBody("qwen-image-edit-plus", "make it night", portrait)));
    expect(Math.abs((await proportionsOf(pngOf(image))).aspect / (600 / 900) - 1)).toBeLessThan(0.02);
  });

  it("takes JPEG and WebP inputs, judged by their bytes", async () => {
    for (const format of ["jpeg", "webp"] as const) {
      const uri = dataUri(await scene(640, 480, format), `image/${format}`);
      expect((await post(simulator, editBody("qwen-image-edit-plus", "warmer light", uri, { size: "512*512" }))).status, format).toBe(200);
    }
  });

  it("gives the same bytes for the same input and parameters, and a visibly different picture otherwise", async () => {
    const run = async (prompt: string, seed: number, extra: Record<string, unknown> = {}) =>
      pngOf((await imagesOf(await post(simulator, editBody("qwen-image-edit-plus", prompt, photoUri, { size: "512*512", seed, ...extra }))))[0]);
    const first = await run("make the sky stormy", 7);
    expect((await run("make the sky stormy", 7)).equals(first)).toBe(true);
    const otherPrompt = await run("paint it like Van Gogh", 7);
    const otherSeed = await run("make the sky stormy", 8);
    const watermarked = await run("make the sky stormy", 7, { watermark: true });
    for (const other of [otherPrompt, otherSeed, watermarked]) expect(other.equals(first)).toBe(false);
    const meanColour = async (png: Buffer) => (await sharp(png).stats()).channels.map((channel) => channel.mean);
    const [a, b] = await Promise.all([meanColour(first), meanColour(otherPrompt)]);
    expect(a.reduce((sum, value, index) => sum + Math.abs(value - (b[index] ?? 0)), 0)).toBeGreaterThan(15);
  });

  it("still looks like the input: its light and dark areas stay where they were", async () => {
    const [image] = await imagesOf(await post(simulator, editBody("qwen-image-edit-plus", "make the sky stormy", photoUri, { size: "1024*768", seed: 3 })));
    const edited = pngOf(image);
    expect((await sharp(edited).metadata()).channels).toBe(3);
    const upsideDown = await sharp(photo).flip().png().toBuffer();
    const toInput = await lightnessDistance(edited, photo);
    expect(toInput).toBeLessThan(30);
    expect(toInput).toBeLessThan((await lightnessDistance(upsideDown, photo)) / 2);
  });

  it("rewrites the prompt only where the model does and prompt_extend is not off", async () => {
    const revised = async (model: string, parameters: Record<string, unknown>) =>
      (await imagesOf(await post(simulator, editBody(model, "make the sky stormy", photoUri, { seed: 5, ...parameters }))))[0]?.revised_prompt;
    expect(await revised("qwen-image-edit-plus", {})).toMatch(/^make the sky stormy, .+\.$/);
    expect(await revised("qwen-image-edit-plus", { prompt_extend: false })).toBe("");
    // The upstream ignores prompt_extend on this model rather than refusing it.
    expect(await revised("qwen-image-edit", { prompt_extend: true })).toBe("");
  });

  it("accepts a negative prompt over the limit, as the upstream cuts it", async () => {
    const run = async (negative_prompt: string) =>
      pngOf((await imagesOf(await post(simulator, editBody("qwen-image-edit-plus", "snow", photoUri, { size: "512*512", seed: 1, negative_prompt }))))[0]);
    expect((await run(`${"b".repeat(500)}${"c".repeat(100)}`)).equals(await run("b".repeat(500)))).toBe(true);
  });
});

describe("refusals", () => {
  const refused = async (body: unknown, status = 400, code = "InvalidParameter") => {
    const response = await post(simulator, body);
    expect(response.status).toBe(status);
    const error = await errorOf(response);
    expect(error.code).toBe(code);
    expect(error.request_id).toBe(response.headers.get("x-request-id"));
    return error.message;
  };
  const plus = (parameters: Record<string, unknown>) => editBody("qwen-image-edit-plus", "make the sky stormy", photoUri, parameters);

  it("refuses a size for the model that takes none", async () => {
    expect(await refused(editBody("qwen-image-edit", "night", photoUri, { size: "1024*1024" }))).toContain("takes no size");
  });

  it("refuses a size out of range or written without an asterisk", async () => {
    expect(await refused(plus({ size: "2049*1024" }))).toContain("2049*1024");
    expect(await refused(plus({ size: "511*1024" }))).toContain("between 512 and 2048");
    expect(await refused(plus({ size: "1024x1024" }))).toContain("asterisk");
  });

  it("refuses n and seed outside the model's range", async () => {
    expect(await refused(plus({ n: 7 }))).toContain("from 1 to 6");
    expect(await refused(plus({ n: 0 }))).toContain("got 0");
    expect(await refused(editBody("qwen-image-edit", "night", photoUri, { n: 2 }))).toContain("exactly 1");
    expect(await refused(plus({ seed: -1 }))).toContain("seed");
    expect(await refused(plus({ seed: 2_147_483_648 }))).toContain("seed");
  });

  it("refuses a prompt longer than the model reads", async () => {
    expect(await refused(editBody("qwen-image-edit-plus", "a".repeat(801), photoUri))).toContain("at most 800");
  });

  it("refuses a link to an image: the simulator has no internet", async () => {
    const message = await refused(editBody("qwen-image-edit-plus", "night", "https://example.com/cat.png"));
    expect(message).toContain("only reads data: URIs");
    expect(await refused(editBody("qwen-image-edit-plus", "night", "cat.png"))).toContain("must be a data: URI");
  });

  it("refuses bytes that are not an image whatever the data: URI says", async () => {
    const text = dataUri(Buffer.from("just some text pretending to be a PNG"));
    expect(await refused(editBody("qwen-image-edit-plus", "night", text))).toContain("not a PNG, JPEG or WebP");
  });

  it("refuses an image that is damaged or cut off", async () => {
    const cut = photo.subarray(0, Math.floor(photo.length / 2));
    const garbled = Buffer.concat([photo.subarray(0, 16), Buffer.alloc(4000, 7)]);
    for (const bytes of [cut, garbled]) {
      expect(await refused(editBody("qwen-image-edit-plus", "night", dataUri(bytes)))).toContain("could not be decoded");
    }
  });

  it("refuses an image with sides out of range, saying its size", async () => {
    const small = dataUri(await scene(300, 300));
    expect(await refused(editBody("qwen-image-edit-plus", "night", small))).toBe(
      "The input image is 300*300; qwen-image-edit-plus needs at least 384 px on each side.",
    );
    const wide = dataUri(await scene(3100, 400));
    expect(await refused(editBody("qwen-image-edit-plus", "night", wide))).toContain("3100*400");
  });

  it("refuses an image over 10 MB before decoding it", async () => {
    const header = photo.subarray(0, 16);
    const big = Buffer.concat([header, Buffer.alloc(10 * 1024 * 1024 + 1 - header.length)]);
    expect(await refused(editBody("qwen-image-edit-plus", "night", dataUri(big)))).toBe(
      "The input image is 10485761 bytes (10.1 MB); qwen-image-edit-plus takes at most 10485760 bytes (10 MB).",
    );
  });

  it("needs exactly one image and a non-empty instruction, in the native body", async () => {
    expect(await refused(editBody("qwen-image-edit-plus", "night", null))).toContain("exactly one input image");
    const two = editBody("qwen-image-edit-plus", "night", photoUri);
    two.input.messages[0]?.content.unshift({ image: photoUri });
    expect(await refused(two)).toContain("found 2");
    expect(await refused(editBody("qwen-image-edit-plus", "", photoUri))).toContain("instruction is missing");
    expect(await refused(editBody("qwen-image-edit-plus", "   ", photoUri))).toContain("instruction is missing");
    expect(await refused({ model: "qwen-image-edit-plus", prompt: "night", image: photoUri })).toContain("native body");
    expect(await refused(plus({ n: "2" }))).toContain("parameters.n");
  });

  it("answers 404 ModelNotFound for a model that does not edit, naming those that do", async () => {
    for (const model of ["dall-e-3", "wan2.6-t2i", "qwen-image"]) {
      const message = await refused(editBody(model, "night", photoUri), 404, "ModelNotFound");
      expect(message).toContain("qwen-image-edit-plus");
    }
    expect(simulator.stats().byModel).toEqual({});
  });

  it("checks the key like generations do", async () => {
    const missing = await post(simulator, plus({}), null);
    expect(missing.status).toBe(401);
    expect(await errorOf(missing)).toMatchObject({ code: "InvalidApiKey", message: "Invalid API-key provided." });
    const keyed = createSimulator({ apiKey: TEST_KEY });
    expect((await post(keyed, plus({ size: "512*512" }), "sk-wrong")).status).toBe(401);
    expect((await post(keyed, plus({ size: "512*512" }), null)).status).toBe(401);
    expect((await post(keyed, plus({ size: "512*512" }))).status).toBe(200);
  });
});

describe("faults and stats", () => {
  it("answers an injected fault before any check, even on an invalid edit", async () => {
    simulator.injectFault({ kind: "rate_limit", times: 2 });
    const faulted = await post(simulator, editBody("qwen-image-edit", "night", "https://example.com/cat.png", { size: "1024*1024" }), null);
    expect(faulted.status).toBe(429);
    expect((await errorOf(faulted)).code).toBe("Throttling.RateQuota");
    expect((await post(simulator, editBody("qwen-image-edit-plus", "night", photoUri))).status).toBe(429);
    expect((await post(simulator, editBody("qwen-image-edit-plus", "night", photoUri))).status).toBe(200);
    expect(simulator.stats()).toMatchObject({ calls: 3, faulted: 2, rejected: 2, succeeded: 1 });
  });

  it("aims a fault at one editing model", async () => {
    simulator.injectFault({ kind: "server_error", model: "qwen-image-edit" });
    expect((await post(simulator, editBody("qwen-image-edit-plus", "night", photoUri))).status).toBe(200);
    expect((await post(simulator, editBody("qwen-image-edit", "night", photoUri))).status).toBe(500);
  });

  it("counts edits like generations and describes the input image without keeping it", async () => {
    await post(simulator, editBody("qwen-image-edit-plus", "night", photoUri, { size: "512*512", n: 2, seed: 9, watermark: true }));
    await post(simulator, editBody("qwen-image-edit-plus", "night", photoUri, { n: 9 }));
    await post(simulator, editBody("wan2.6-t2i", "night", photoUri));
    await post(simulator, editBody("qwen-image-edit", "night", photoUri, { prompt_extend: true }));
    const stats = simulator.stats();
    expect(stats).toMatchObject({ calls: 4, succeeded: 2, rejected: 2, aborted: 0, faulted: 0 });
    expect(stats.byModel).toEqual({ "qwen-image-edit-plus": 2, "qwen-image-edit": 1 });
    expect(stats.lastRequest).toEqual({
      style: "native",
      model: "qwen-image-edit",
      prompt: "night",
      size: null,
      n: null,
      seed: null,
      prompt_extend: true,
      watermark: null,
      negative_prompt: null,
      authorization: "present",
      image: `data:image/png (${photo.length} bytes, 800*600)`,
    });
    expect(JSON.stringify(stats)).not.toContain(photo.toString("base64").slice(0, 40));
  });
});

describe("the store behind edit links", () => {
  it("keeps only the newest files, by count and by bytes", () => {
    const store = createEditFileStore({ maxFiles: 2, maxBytes: 100 });
    const ids = [store.put(Buffer.alloc(10)), store.put(Buffer.alloc(10)), store.put(Buffer.alloc(10))];
    expect(ids.map((id) => store.get(id)?.length)).toEqual([undefined, 10, 10]);
    const big = store.put(Buffer.alloc(95));
    expect([store.get(ids[2] ?? "")?.length, store.get(big)?.length]).toEqual([undefined, 95]);
    // A file over the whole budget is still kept until the next one: its link has just been handed out.
    const huge = store.put(Buffer.alloc(500));
    expect([store.get(big), store.get(huge)?.length]).toEqual([undefined, 500]);
  });
});
