import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { encodeImageToken } from "./image-token";
import { renderImage } from "./render";
import { startSimulatorServer } from "./node-server";
import { generate, imagesOf, nativeBody, useSimulatorServer } from "./test-support";

const current = useSimulatorServer();

const download = async (url: string): Promise<Buffer> => {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/png");
  expect(response.headers.get("cache-control")).toBe("public, max-age=86400");
  return Buffer.from(await response.arrayBuffer());
};

const sizeOf = async (png: Buffer) => {
  const { width, height, format } = await sharp(png).metadata();
  return { width, height, format };
};

describe("url mode", () => {
  it("serves a PNG of exactly the requested size", async () => {
    const [image] = await imagesOf(await generate(current(), nativeBody("qwen-image", "a cat", { size: "928*1664" })));
    expect(await sizeOf(await download(image?.url ?? ""))).toEqual({ width: 928, height: 1664, format: "png" });
  });

  it("serves the same bytes for the same inputs, from any simulator instance", async () => {
    const body = nativeBody("wan2.2-t2i-flash", "a cat", { size: "640*512", n: 1, seed: 7 });
    const [first] = await imagesOf(await generate(current(), body));
    const [second] = await imagesOf(await generate(current(), body));
    expect(second?.url).toBe(first?.url);
    const other = await startSimulatorServer({});
    try {
      const path = new URL(first?.url ?? "").pathname;
      expect((await download(`${other.url}${path}`)).equals(await download(first?.url ?? ""))).toBe(true);
    } finally {
      await other.close();
    }
  });

  it("draws different pictures for different seeds, prompts and siblings", async () => {
    const urls = [
      ...(await imagesOf(await generate(current(), nativeBody("wan2.2-t2i-flash", "a cat", { size: "512*512", n: 2, seed: 1 })))),
      ...(await imagesOf(await generate(current(), nativeBody("wan2.2-t2i-flash", "a cat", { size: "512*512", n: 1, seed: 2 })))),
      ...(await imagesOf(await generate(current(), nativeBody("wan2.2-t2i-flash", "a dog", { size: "512*512", n: 1, seed: 1 })))),
    ].map((image) => image.url);
    const pngs = await Promise.all(urls.map(download));
    expect(new Set(pngs.map((png) => png.toString("base64"))).size).toBe(4);
  });

  it("draws a negative prompt cut at 500 characters like one written at 500", async () => {
    const withNegative = async (negative_prompt: string) =>
      (await imagesOf(await generate(current(), nativeBody("wan2.6-t2i", "cat", { n: 1, seed: 1, negative_prompt }))))[0]?.url;
    const long = await withNegative(`${"b".repeat(500)}${"c".repeat(100)}`);
    expect(long).toBe(await withNegative("b".repeat(500)));
    expect(long).not.toBe(await withNegative("b".repeat(499)));
  });

  it("404s tokens a generation could not have produced", async () => {
    const token = { model: "qwen-image", prompt: "cat", negativePrompt: "", seed: 1, index: 0, watermark: false };
    const forged = [
      "not-base64-json",
      encodeImageToken({ ...token, width: 100_000, height: 100_000 }),
      encodeImageToken({ ...token, width: 1024, height: 1024 }),
      encodeImageToken({ ...token, width: 1328, height: 1328, index: 1 }),
      encodeImageToken({ ...token, model: "nope", width: 1328, height: 1328 }),
    ];
    for (const text of forged) {
      expect((await fetch(`${current().url}/v1/files/${text}.png`)).status, text).toBe(404);
    }
    expect((await fetch(`${current().url}/v1/files/${encodeImageToken({ ...token, width: 1328, height: 1328 })}.png`)).status).toBe(200);
  });
});

describe("b64_json mode", () => {
  it("inlines PNGs of exactly the requested size and leaves url empty", async () => {
    current().simulator.configure({ responseFormat: "b64_json" });
    const images = await imagesOf(await generate(current(), nativeBody("wan2.2-t2i-flash", "a cat", { size: "513*1439", n: 2, seed: 5 })));
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image.url).toBe("");
      expect(await sizeOf(Buffer.from(image.b64_json, "base64"))).toEqual({ width: 513, height: 1439, format: "png" });
    }
    const [again] = await imagesOf(await generate(current(), nativeBody("wan2.2-t2i-flash", "a cat", { size: "513*1439", n: 1, seed: 5 })));
    expect(again?.b64_json).toBe(images[0]?.b64_json);
  });
});

describe("renderImage", () => {
  it("is deterministic, exact in size, and changes with the seed", async () => {
    const input = { model: "qwen-image-2.0-pro", prompt: "p", seed: 1, width: 2048, height: 1152, index: 0 };
    const [a, b, c] = await Promise.all([renderImage(input), renderImage(input), renderImage({ ...input, seed: 2 })]);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
    expect(await sizeOf(a)).toEqual({ width: 2048, height: 1152, format: "png" });
  });

  it("marks watermarked images", async () => {
    const input = { model: "wan2.6-t2i", prompt: "p", seed: 1, width: 512, height: 512, index: 0 };
    expect((await renderImage(input)).equals(await renderImage({ ...input, watermark: true }))).toBe(false);
  });
});
