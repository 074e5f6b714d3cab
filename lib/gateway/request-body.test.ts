import { describe, expect, it } from "vitest";
import type { SentRequest } from "../generation/result";
import { buildRequestBody } from "./request-body";

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
