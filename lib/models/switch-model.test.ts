import { describe, expect, it } from "vitest";
import { defaultRequest } from "./defaults";
import { switchModel } from "./switch-model";

describe("switching model", () => {
  it("keeps everything that still fits, silently", () => {
    const values = { ...defaultRequest("wan2.2-t2i-flash"), prompt: "cat", width: 1024, height: 1024, n: 3, seed: 42 };
    expect(switchModel(values, "wan2.2-t2i-plus")).toEqual({ values: { ...values, model: "wan2.2-t2i-plus" }, notices: [] });
  });

  it("moves a size that does not fit to the new model's nearest in shape, an n to its default, and says so", () => {
    const values = { ...defaultRequest("wan2.2-t2i-flash"), prompt: "cat", width: 1024, height: 1024, n: 3 };
    const switched = switchModel(values, "qwen-image");
    expect(switched.values).toMatchObject({ model: "qwen-image", width: 1328, height: 1328, n: 1, prompt: "cat" });
    // Each notice names the fields it speaks of, so the form drops it once one of them is changed.
    expect(switched.notices).toEqual([
      { text: "Size 1024*1024 does not fit qwen-image; it is now 1328*1328.", about: ["width", "height"] },
      { text: "3 images is more than qwen-image makes per request; it is now 1.", about: ["n"] },
    ]);
    // A tall picture stays tall, square Wan 2.6 stays square.
    expect(switchModel({ ...values, width: 720, height: 1280 }, "qwen-image").values).toMatchObject({ width: 928, height: 1664 });
    expect(switchModel({ ...defaultRequest("wan2.6-t2i"), width: 1280, height: 1280 }, "qwen-image").values).toMatchObject({ width: 1328, height: 1328 });
  });

  it("moves a count left empty, fractional or below the range too, and says so in words that fit", () => {
    for (const n of [Number.NaN, 1.5, 0]) {
      const switched = switchModel({ ...defaultRequest("wan2.6-t2i"), n }, "qwen-image-plus");
      expect(switched.values.n).toBe(1);
      expect(switched.notices.map(({ text }) => text)).toContain("The number of images was not one qwen-image-plus makes (1 to 1 per request); it is now 1.");
    }
  });

  it("keeps a size half typed where the new model takes sizes in a range, and never says NaN", () => {
    const half = { ...defaultRequest("wan2.6-t2i"), width: Number.NaN, height: 2700 };
    expect(switchModel(half, "wan2.5-t2i-preview")).toEqual({ values: { ...half, model: "wan2.5-t2i-preview" }, notices: [] });
    const toPresets = switchModel(half, "qwen-image");
    expect(toPresets.values).toMatchObject({ width: 1664, height: 928 });
    expect(toPresets.notices).toEqual([{ text: "The size was not filled in; it is now 1664*928.", about: ["width", "height"] }]);
  });

  it("keeps an over-long prompt and flags it instead of cutting it", () => {
    const prompt = "x".repeat(1500);
    const switched = switchModel({ ...defaultRequest("wan2.6-t2i"), prompt }, "wan2.6-t2i");
    expect(switched.notices).toEqual([]);
    const toQwen = switchModel({ ...defaultRequest("wan2.6-t2i"), prompt }, "qwen-image-2.0-pro");
    expect(toQwen.values.prompt).toBe(prompt);
    expect(toQwen.notices).toContainEqual({ text: "The prompt has 1500 characters and qwen-image-2.0-pro reads at most 800: shorten it before generating.", about: ["prompt"] });
  });

  it("counts the prompt in characters, an emoji as one", () => {
    const prompt = "🐱".repeat(800);
    expect(switchModel({ ...defaultRequest("wan2.6-t2i"), prompt }, "qwen-image-2.0-pro").notices).toEqual([]);
    expect(switchModel({ ...defaultRequest("wan2.6-t2i"), prompt: `${prompt}🐶` }, "qwen-image-2.0-pro").notices.map(({ text }) => text)).toEqual([
      "The prompt has 801 characters and qwen-image-2.0-pro reads at most 800: shorten it before generating.",
    ]);
  });

  it("keeps a size that the new model also allows", () => {
    const values = { ...defaultRequest("wan2.6-t2i"), width: 1440, height: 1440 };
    expect(switchModel(values, "wan2.2-t2i-flash").values).toMatchObject({ width: 1440, height: 1440 });
  });
});
