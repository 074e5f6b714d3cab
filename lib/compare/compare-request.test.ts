import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MODEL_IDS } from "../models/registry";
import { generateRequestSchema } from "../models/request-schema";
import { COMPARE_ASPECTS } from "./fit-to-model";
import { BLIND_WATERMARK, comparisonImageCount, compareRequestSchema, planComparison, type CompareRequest } from "./compare-request";

const base: CompareRequest = {
  models: ["wan2.6-t2i", "qwen-image", "qwen-image-2.0-pro"],
  prompt: "A lighthouse at dawn",
  negativePrompt: "",
  aspect: "16:9",
  perModel: 2,
  seed: 7,
  promptExtend: true,
  watermark: false,
  blind: false,
};

const messages = (input: unknown) => {
  const parsed = compareRequestSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("the compare request", () => {
  it("says every fault at once: a count it cannot read does not hide the prompt's length", () => {
    for (const perModel of [1.5, Number.NaN]) {
      expect(messages({ ...base, prompt: "x".repeat(801), perModel })).toEqual([
        expect.stringMatching(/^perModel: Images per model must be a (whole )?number\.$/),
        "prompt: qwen-image reads at most 800 characters; this prompt has 801.",
      ]);
    }
  });

  it("accepts two to four different models", () => {
    expect(messages(base)).toEqual([]);
    expect(messages({ ...base, models: ["qwen-image"] })).toEqual(["models: Pick at least 2 models to compare."]);
    expect(messages({ ...base, models: ["qwen-image", "qwen-image"] })).toEqual(["models: Each model can be picked once."]);
    expect(messages({ ...base, models: MODEL_IDS.slice(0, 5) })).toEqual(["models: Compare at most 4 models at once."]);
  });

  it("holds the prompt to the strictest chosen model and names it", () => {
    const prompt = "p".repeat(900);
    expect(messages({ ...base, prompt })).toEqual(["prompt: qwen-image reads at most 800 characters; this prompt has 900."]);
    expect(messages({ ...base, models: ["wan2.6-t2i", "wan2.5-t2i-preview"], prompt })).toEqual([]);
    expect(messages({ ...base, prompt: "  " })).toEqual(["prompt: Write a prompt first."]);
    expect(messages({ ...base, negativePrompt: "n".repeat(501) })).toEqual([
      "negativePrompt: wan2.6-t2i reads a negative prompt of at most 500 characters; it has 501.",
    ]);
  });

  it("counts an emoji as one character, as the upstream does", () => {
    expect(messages({ ...base, prompt: "🐱".repeat(800) })).toEqual([]);
    expect(messages({ ...base, prompt: "🐱".repeat(801) })).toEqual(["prompt: qwen-image reads at most 800 characters; this prompt has 801."]);
    expect(messages({ ...base, models: ["wan2.6-t2i", "wan2.5-t2i-preview"], prompt: "𠀀".repeat(2000) })).toEqual([]);
    expect(messages({ ...base, models: ["wan2.6-t2i", "wan2.5-t2i-preview"], prompt: "𠀀".repeat(2001) })).toEqual([
      "prompt: wan2.5-t2i-preview reads at most 2000 characters; this prompt has 2001.",
    ]);
    expect(messages({ ...base, negativePrompt: "🐱".repeat(500) })).toEqual([]);
    expect(messages({ ...base, negativePrompt: "🐱".repeat(501) })).toEqual([
      "negativePrompt: wan2.6-t2i reads a negative prompt of at most 500 characters; it has 501.",
    ]);
  });

  it("refuses unknown fields, models and ratios", () => {
    expect(messages({ ...base, extra: 1 })).toHaveLength(1);
    expect(messages({ ...base, models: ["qwen-image", "dall-e"] })).toEqual(["models.1: Choose models from the list."]);
    expect(messages({ ...base, aspect: "5:1" })).toEqual(["aspect: Choose one of the listed aspect ratios."]);
    expect(messages({ ...base, perModel: 5 })).toEqual(["perModel: Images per model must be 1 to 4."]);
  });
});

describe("the plan of a comparison", () => {
  it("gives each model its own size, n and the shared seed, with a note for each difference", () => {
    const plans = planComparison(base);
    expect(plans.map((plan) => [plan.request.model, plan.request.width, plan.request.height, plan.request.n, plan.request.seed])).toEqual([
      ["wan2.6-t2i", 1792, 1008, 2, 7],
      ["qwen-image", 1664, 928, 1, 7],
      ["qwen-image-2.0-pro", 2048, 1152, 2, 7],
    ]);
    expect(plans[1]?.notes).toEqual(["Makes exactly 1 image per request."]);
    expect(comparisonImageCount(plans)).toBe(5);
  });

  it("refuses a blind comparison whose watermarks would tell the models' families apart, and only that", () => {
    expect(messages({ ...base, blind: true, watermark: true })).toEqual([`watermark: ${BLIND_WATERMARK}`]);
    // One family draws one mark: nothing told apart. Not blind, the models are named anyway.
    expect(messages({ ...base, models: ["qwen-image", "qwen-image-2.0-pro"], blind: true, watermark: true })).toEqual([]);
    expect(messages({ ...base, watermark: true })).toEqual([]);
  });

  it("gives every blind column the same number of images, so none stands out", () => {
    const plans = planComparison({ ...base, blind: true });
    expect(plans.map((plan) => plan.request.n)).toEqual([1, 1, 1]);
    expect(plans[0]?.notes).toEqual(["Blind: 1 image per model, the most every chosen model makes, so no column stands out."]);
  });

  it("uses the seed the server fixed when the user left it random", () => {
    expect(planComparison({ ...base, seed: null }, 99).map((plan) => plan.request.seed)).toEqual([99, 99, 99]);
  });

  it("always plans requests the generate schema accepts", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...MODEL_IDS), { minLength: 2, maxLength: 4 }),
        fc.constantFrom(...COMPARE_ASPECTS),
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.integer({ min: 0, max: 2_147_483_647 })),
        fc.string({ minLength: 1, maxLength: 800 }).filter((s) => s.trim() !== ""),
        fc.string({ maxLength: 500 }),
        fc.boolean(),
        fc.boolean(),
        (models, aspect, perModel, seed, prompt, negativePrompt, promptExtend, watermark) => {
          const compare = compareRequestSchema.parse({ ...base, models, aspect, perModel, seed, prompt, negativePrompt, promptExtend, watermark });
          for (const plan of planComparison(compare)) expect(generateRequestSchema.safeParse(plan.request).error).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});
