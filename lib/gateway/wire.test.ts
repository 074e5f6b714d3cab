import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import type { SentRequest } from "../generation/result";
import { buildRequestBody } from "./request-body";
import { parseGenerationResponse } from "./wire";

const request: SentRequest = {
  model: "qwen-image-plus",
  prompt: "a kitten on grass",
  negativePrompt: "blurry",
  width: 1328,
  height: 1328,
  n: 1,
  seed: 42,
  promptExtend: true,
  watermark: false,
};

describe("request bodies", () => {
  it("native: the documented input.messages + parameters shape, size as W*H", () => {
    expect(buildRequestBody(request, "native")).toEqual({
      model: "qwen-image-plus",
      input: { messages: [{ role: "user", content: [{ text: "a kitten on grass" }] }] },
      parameters: { negative_prompt: "blurry", prompt_extend: true, watermark: false, size: "1328*1328", n: 1, seed: 42 },
    });
  });

  it("flat: the page's {model, prompt, size, ...} example", () => {
    expect(buildRequestBody(request, "flat")).toEqual({
      model: "qwen-image-plus",
      prompt: "a kitten on grass",
      negative_prompt: "blurry",
      prompt_extend: true,
      watermark: false,
      size: "1328*1328",
      n: 1,
      seed: 42,
    });
  });

  it("leaves out an empty negative prompt", () => {
    const body = buildRequestBody({ ...request, negativePrompt: "" }, "native") as { parameters: object };
    expect(body.parameters).not.toHaveProperty("negative_prompt");
    expect(buildRequestBody({ ...request, negativePrompt: "" }, "flat")).not.toHaveProperty("negative_prompt");
  });
});

const PNG_B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

describe("response parsing", () => {
  it("takes url images and their revised prompts", () => {
    const parsed = parseGenerationResponse(
      JSON.stringify({ created: 1713833628, data: [{ url: "https://example.com/a.png", b64_json: "", revised_prompt: "a fluffy kitten" }] }),
    );
    expect(parsed).toEqual({
      created: 1713833628,
      images: [{ source: { kind: "url", url: "https://example.com/a.png" }, revisedPrompt: "a fluffy kitten" }],
    });
  });

  it("takes b64_json over url when both are there, ignoring line breaks in the base64", () => {
    const parsed = parseGenerationResponse(JSON.stringify({ created: 1, data: [{ url: "https://x.test/a.png", b64_json: `${PNG_B64.slice(0, 20)}\n${PNG_B64.slice(20)}` }] }));
    expect(parsed.images[0]).toEqual({ source: { kind: "base64", data: PNG_B64 }, revisedPrompt: "" });
  });

  it("is fine with empty, null or missing revised prompts and extra fields", () => {
    const parsed = parseGenerationResponse(
      JSON.stringify({ created: 1, usage: { images: 2 }, data: [{ url: "https://x.test/1.png", revised_prompt: null }, { url: "https://x.test/2.png" }] }),
    );
    expect(parsed.images.map((image) => image.revisedPrompt)).toEqual(["", ""]);
  });

  it("drops images with neither a usable url nor base64, and refuses an answer with none", () => {
    const parsed = parseGenerationResponse(
      JSON.stringify({ data: [{ url: "javascript:alert(1)" }, { b64_json: "not base64!" }, { url: "https://x.test/ok.png" }] }),
    );
    expect(parsed.images.map((image) => image.source)).toEqual([{ kind: "url", url: "https://x.test/ok.png" }]);
    expect(() => parseGenerationResponse(JSON.stringify({ data: [{ url: "", b64_json: "" }] }))).toThrow(/no usable image/);
  });

  it.each([
    ["not JSON", "<html>502 Bad Gateway</html>"],
    ["unexpected shape", JSON.stringify({ created: 1, data: "nope" })],
    ["not JSON", '{"created": 1, "data": [{"url": "https://x'],
  ])("refuses %s as a bad upstream response", (detail, text) => {
    try {
      parseGenerationResponse(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("bad_upstream_response");
      expect((error as AppError).status).toBe(502);
      expect((error as AppError).message).toContain(detail);
    }
  });
});
