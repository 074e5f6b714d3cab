import { describe, expect, it } from "vitest";
import { decodeImageToken, encodeImageToken } from "./image-token";

describe("image tokens", () => {
  it("holds the prompts to the model's limits in characters, so an emoji prompt the upstream took still draws", () => {
    const token = { model: "qwen-image", prompt: "🐱".repeat(800), negativePrompt: "𠀀".repeat(500), seed: 1, width: 1328, height: 1328, index: 0, watermark: false };
    expect(decodeImageToken(encodeImageToken(token))).toEqual(token);
    expect(decodeImageToken(encodeImageToken({ ...token, prompt: "🐱".repeat(801) }))).toBeNull();
    expect(decodeImageToken(encodeImageToken({ ...token, negativePrompt: "𠀀".repeat(501) }))).toBeNull();
  });
});
