import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { encodeImageToken } from "./image-token";
import { renderImage } from "./render";
import { startSimulatorServer } from "./node-server";
import { generate, imagesOf, nativeBody, TEST_KEY, useSimulatorServer } from "./test-support";

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
    expect(new URL(second?.url ?? "").pathname).toBe(new URL(first?.url ?? "").pathname);
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
      // The image's own address, without its expiry (two calls a second apart differ there alone).
      new URL((await imagesOf(await generate(current(), nativeBody("wan2.6-t2i", "cat", { n: 1, seed: 1, negative_prompt }))))[0]?.url ?? "").pathname;
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

describe("link expiry", () => {
  const expiresOf = (url: string) => Number(new URL(url).searchParams.get("Expires"));

  it("signs each link for 24 hours, as the gateway's result URLs last", async () => {
    const before = Math.floor(Date.now() / 1000);
    const [image] = await imagesOf(await generate(current(), nativeBody("qwen-image", "a cat")));
    const after = Math.floor(Date.now() / 1000);
    expect(expiresOf(image?.url ?? "")).toBeGreaterThanOrEqual(before + 86_400);
    expect(expiresOf(image?.url ?? "")).toBeLessThanOrEqual(after + 86_400);
    expect((await fetch(image?.url ?? "")).status).toBe(200);
  });

  it("refuses an expired link as the object store does: 403 AccessDenied, \"Request has expired.\"", async () => {
    current().simulator.configure({ linkLifetimeSeconds: 0 });
    const [image] = await imagesOf(await generate(current(), nativeBody("qwen-image", "a cat")));
    const response = await fetch(image?.url ?? "");
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/xml");
    const body = await response.text();
    expect(body).toContain("<Code>AccessDenied</Code>");
    expect(body).toContain("<Message>Request has expired.</Message>");
    // The same file under a link still valid is served: it is the link that expired.
    const path = new URL(image?.url ?? "").pathname;
    expect((await fetch(`${current().url}${path}?Expires=${Math.floor(Date.now() / 1000) + 60}`)).status).toBe(200);
    expect((await fetch(`${current().url}${path}?Expires=soon`)).status).toBe(403);
  });

  it("is back to its own lifetime after a reset: a test's short one does not reach the next", async () => {
    current().simulator.configure({ linkLifetimeSeconds: 0 });
    expect((await fetch(`${current().url}/__sim/reset`, { method: "POST" })).status).toBe(200);
    const [image] = await imagesOf(await generate(current(), nativeBody("qwen-image", "a cat")));
    expect((await fetch(image?.url ?? "")).status).toBe(200);
  });

  it("signs a task's links when the task hands its images over", async () => {
    current().simulator.configure({ linkLifetimeSeconds: 0, answerShape: "task" });
    const started = (await (await generate(current(), nativeBody("wan2.6-t2i", "a cat", { n: 1 }))).json()) as { output: { task_id: string } };
    const task = await fetch(`${current().url}/v1/tasks/${started.output.task_id}`, { headers: { authorization: `Bearer ${TEST_KEY}` } });
    const { output } = (await task.json()) as { output: { results: Array<{ url: string }> } };
    expect((await fetch(output.results[0]?.url ?? "")).status).toBe(403);
  });

  it("takes the lifetime from its options and its config, within what OSS allows", async () => {
    const short = await startSimulatorServer({ linkLifetimeSeconds: 0 });
    try {
      const [image] = await imagesOf(await generate(short, nativeBody("qwen-image", "a cat")));
      expect((await fetch(image?.url ?? "")).status).toBe(403);
    } finally {
      await short.close();
    }
    expect(() => current().simulator.configure({ linkLifetimeSeconds: 604_801 })).toThrow();
  });
});

describe("response_format", () => {
  const flatBody = (extra: Record<string, unknown>) => ({ model: "wan2.2-t2i-flash", prompt: "a cat", size: "512*512", n: 1, ...extra });

  it("answers inline when the request asks for b64_json, in either body style", async () => {
    for (const body of [flatBody({ response_format: "b64_json" }), { ...nativeBody("wan2.2-t2i-flash", "a cat", { size: "512*512", n: 1 }), response_format: "b64_json" }]) {
      const [image] = await imagesOf(await generate(current(), body));
      expect(image?.url).toBe("");
      expect(await sizeOf(Buffer.from(image?.b64_json ?? "", "base64"))).toEqual({ width: 512, height: 512, format: "png" });
    }
  });

  it("answers with a link when the request asks for url, whatever the simulator's default", async () => {
    current().simulator.configure({ responseFormat: "b64_json" });
    const [image] = await imagesOf(await generate(current(), flatBody({ response_format: "url" })));
    expect(image?.b64_json).toBe("");
    expect(await sizeOf(await download(image?.url ?? ""))).toEqual({ width: 512, height: 512, format: "png" });
  });

  it("refuses a format the gateway does not have", async () => {
    const response = await generate(current(), flatBody({ response_format: "png" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "InvalidParameter", message: expect.stringContaining('response_format must be "url" or "b64_json"') });
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
