import { describe, expect, it } from "vitest";
import { DEFAULT_COMPARE } from "../compare/compare-request";
import { defaultRequest } from "../models/defaults";
import { differsFrom } from "./typed-work";

describe("typed work", () => {
  it("is any field set away from the form's start, the model aside, text as trimmed", () => {
    const start = defaultRequest("wan2.6-t2i");
    expect(differsFrom({ ...start, prompt: "  " }, start, ["model"])).toBe(false);
    expect(differsFrom({ ...defaultRequest("qwen-image"), model: "qwen-image" }, defaultRequest("qwen-image"), ["model"])).toBe(false);
    // Written before the prompt: a negative prompt, a seed, a size.
    expect(differsFrom({ ...start, negativePrompt: "blurry, dark" }, start, ["model"])).toBe(true);
    expect(differsFrom({ ...start, seed: 42 }, start, ["model"])).toBe(true);
    expect(differsFrom({ ...start, width: 1024 }, start, ["model"])).toBe(true);
    expect(differsFrom({ ...DEFAULT_COMPARE, models: ["qwen-image"] }, DEFAULT_COMPARE, ["models"])).toBe(false);
    expect(differsFrom({ ...DEFAULT_COMPARE, aspect: "16:9" }, DEFAULT_COMPARE, ["models"])).toBe(true);
  });
});
