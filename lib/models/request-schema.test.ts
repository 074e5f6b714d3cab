import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultRequest } from "./defaults";
import { MODELS, MODEL_IDS, SEED_MAX, type ModelSpec } from "./registry";
import { buildGenerateRequestSchema, generateRequestSchema } from "./request-schema";
import { checkSize } from "./size-rules";

const valid = (overrides: Record<string, unknown> = {}) => ({ ...defaultRequest("wan2.6-t2i"), prompt: "a kitten on grass", ...overrides });

const issuesOf = (value: unknown) => {
  const parsed = generateRequestSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("generate request schema", () => {
  it("accepts every model's defaults with a prompt", () => {
    for (const id of MODEL_IDS) expect(issuesOf({ ...defaultRequest(id), prompt: "x" })).toEqual([]);
  });

  it("refuses unknown fields and unknown models", () => {
    expect(issuesOf(valid({ apiKey: "x" })).join()).toMatch(/Unrecognized key/);
    expect(issuesOf(valid({ model: "dall-e-3" }))).toEqual(["model: Choose one of the listed models."]);
  });

  it("refuses a blank prompt and one over the model's limit", () => {
    expect(issuesOf(valid({ prompt: "   " }))).toEqual(["prompt: Write a prompt first."]);
    expect(issuesOf(valid({ model: "qwen-image", width: 1664, height: 928, prompt: "x".repeat(801) }))).toEqual([
      "prompt: qwen-image reads at most 800 characters; this prompt has 801.",
    ]);
    expect(issuesOf(valid({ prompt: "x".repeat(2100) }))).toEqual([]);
  });

  it("counts characters as the upstream does: an emoji or a rare CJK character is one", () => {
    for (const model of MODELS) {
      const at = (prompt: string) => issuesOf({ ...defaultRequest(model.id), prompt });
      expect(at("🐱".repeat(model.promptMaxLength)), model.id).toEqual([]);
      expect(at("𠀀".repeat(model.promptMaxLength)), model.id).toEqual([]);
      expect(at("🐱".repeat(model.promptMaxLength + 1)), model.id).toEqual([
        `prompt: ${model.id} reads at most ${model.promptMaxLength} characters; this prompt has ${model.promptMaxLength + 1}.`,
      ]);
    }
    expect(issuesOf(valid({ prompt: "🐱".repeat(1100) }))).toEqual([]);
    expect(issuesOf(valid({ negativePrompt: "🐱".repeat(500) }))).toEqual([]);
    expect(issuesOf(valid({ negativePrompt: "🐱".repeat(501) }))).toEqual([
      "negativePrompt: The negative prompt may be at most 500 characters; it has 501.",
    ]);
  });

  it("property: a prompt is refused for its length exactly when it has more characters than the model reads", () => {
    const character = fc.constantFrom("a", "春", "🐱", "𠀀", "é");
    const aroundTheLimit = fc
      .constantFrom(...MODELS)
      .chain((model) => fc.tuple(fc.constant(model), fc.array(character, { minLength: model.promptMaxLength - 2, maxLength: model.promptMaxLength + 2 })));
    fc.assert(
      fc.property(aroundTheLimit, ([model, characters]) => {
        const tooLong = issuesOf({ ...defaultRequest(model.id), prompt: characters.join("") }).some((issue) => issue.includes("reads at most"));
        expect(tooLong).toBe(characters.length > model.promptMaxLength);
      }),
      { numRuns: 50 },
    );
  });

  it("still explains the size when the prompt is empty", () => {
    expect(issuesOf(valid({ prompt: "", width: 1024, height: 1024 }))).toContain(
      "width: wan2.6-t2i needs 1.64 to 2.07 megapixels (1280*1280 to 1440*1440); 1024*1024 is 1.05.",
    );
  });

  it("holds the negative prompt to 500 characters", () => {
    expect(issuesOf(valid({ negativePrompt: "x".repeat(500) }))).toEqual([]);
    expect(issuesOf(valid({ negativePrompt: "x".repeat(501) }))).toEqual([
      "negativePrompt: The negative prompt may be at most 500 characters; it has 501.",
    ]);
  });

  it("holds n to the model's range", () => {
    expect(issuesOf(valid({ n: 4 }))).toEqual([]);
    expect(issuesOf(valid({ n: 5 }))).toEqual(["n: wan2.6-t2i makes 1 to 4 images per request."]);
    expect(issuesOf(valid({ model: "qwen-image", width: 1664, height: 928, n: 2 }))).toEqual([
      "n: qwen-image makes exactly 1 image per request.",
    ]);
    expect(issuesOf(valid({ model: "qwen-image-2.0-pro", width: 2048, height: 2048, n: 6 }))).toEqual([]);
    expect(issuesOf(valid({ n: 1.5 }))).toEqual(["n: Number of images must be a whole number."]);
  });

  it("says every fault at once: a count or a seed it cannot read does not hide the prompt's length or the size", () => {
    const tooLong = "prompt: wan2.6-t2i reads at most 2100 characters; this prompt has 2101.";
    // The last throws when compared (its toString is no function): the property below once found it.
    for (const n of [1.5, Number.NaN, null, "2", { toString: [] }]) {
      expect(issuesOf(valid({ prompt: "x".repeat(2101), n }))).toEqual([expect.stringMatching(/^n: Number of images must be a (whole )?number\.$/), tooLong]);
    }
    const sizes = issuesOf(valid({ prompt: "x".repeat(2101), seed: 2.5, width: 100, height: 100 }));
    expect(sizes.slice(0, 2)).toEqual(["seed: Seed must be a whole number.", tooLong]);
    expect(sizes.slice(2).map((issue) => issue.split(":")[0])).toEqual(["width", "height"]);
    // A field that is not what it should be is said as such, and only that: not measured as well.
    expect(issuesOf(valid({ prompt: 5, n: 9 }))).toEqual(["prompt: The prompt must be text.", "n: wan2.6-t2i makes 1 to 4 images per request."]);
    expect(issuesOf(valid({ width: "wide", n: 9 }))).toEqual(["width: Width must be a number.", "n: wan2.6-t2i makes 1 to 4 images per request."]);
  });

  it("holds the seed to 0..2147483647 or null", () => {
    expect(issuesOf(valid({ seed: null }))).toEqual([]);
    expect(issuesOf(valid({ seed: 0 }))).toEqual([]);
    expect(issuesOf(valid({ seed: SEED_MAX }))).toEqual([]);
    expect(issuesOf(valid({ seed: SEED_MAX + 1 }))).toHaveLength(1);
    expect(issuesOf(valid({ seed: -1 }))).toHaveLength(1);
  });

  it("accepts a size exactly when the model's rule does (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODELS), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 }), (model, width, height) => {
        const request = { ...defaultRequest(model.id), prompt: "p", width, height };
        const accepted = generateRequestSchema.safeParse(request).success;
        expect(accepted).toBe(checkSize(model.id, model.sizeRule, model.presets, { width, height }).ok);
      }),
    );
  });

  it("never throws and accepts nothing outside the registry's rules, whatever the input (property)", () => {
    // Requests near the rules, each field now and then anything at all, and anything at all: values drawn at
    // random alone almost never parse, and then the accepting branch would go untried.
    // Each field near its model's rules (its default size half the time, a count one either side of its
    // range), so a good share parse: a first version with sizes drawn anywhere accepted none in one CI run.
    const field = <T>(near: fc.Arbitrary<T>) => fc.oneof({ weight: 9, arbitrary: near }, { weight: 1, arbitrary: fc.anything() });
    const nearRequest = fc.constantFrom(...MODELS).chain((model) =>
      fc.record({
        model: field(fc.constant(model.id)),
        prompt: field(fc.string({ minLength: 1, maxLength: 30 })),
        negativePrompt: field(fc.string({ maxLength: 30 })),
        width: field(fc.oneof(fc.constant(model.defaultSize.width), fc.integer({ min: -10, max: 3000 }))),
        height: field(fc.oneof(fc.constant(model.defaultSize.height), fc.integer({ min: -10, max: 3000 }))),
        n: field(fc.integer({ min: model.n.min - 1, max: model.n.max + 1 })),
        seed: field(fc.option(fc.integer({ min: -5, max: SEED_MAX + 5 }), { nil: null })),
        promptExtend: field(fc.boolean()),
        watermark: field(fc.boolean()),
      }),
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(nearRequest, fc.anything()), (value) => {
        const parsed = generateRequestSchema.safeParse(value);
        if (!parsed.success) return;
        accepted++;
        const model = MODELS.find((m) => m.id === parsed.data.model)!;
        expect(checkSize(model.id, model.sizeRule, model.presets, parsed.data).ok).toBe(true);
        expect(parsed.data.n).toBeGreaterThanOrEqual(model.n.min);
        expect(parsed.data.n).toBeLessThanOrEqual(model.n.max);
        expect(parsed.data.seed === null || (parsed.data.seed >= 0 && parsed.data.seed <= SEED_MAX)).toBe(true);
        expect(parsed.data.prompt.trim()).not.toBe("");
      }),
      { numRuns: 1_000 },
    );
    // About 35 of the 1,000 parse (three runs: 30, 37, 35); none would leave the checks above untried.
    expect(accepted).toBeGreaterThan(0);
  });

  it("refuses options a model does not take (synthetic registry)", () => {
    const base = MODELS[0] as ModelSpec;
    const plain = { ...base, id: "plain", options: { negativePrompt: false, promptExtend: false, watermark: false, seed: false } } as const;
    const schema = buildGenerateRequestSchema([plain]);
    const request = { ...valid(), model: "plain", negativePrompt: "no", seed: 1, promptExtend: true, watermark: true };
    const parsed = schema.safeParse(request);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["negativePrompt", "seed", "promptExtend", "watermark"]);
    expect(schema.safeParse({ ...request, negativePrompt: "", seed: null, promptExtend: false, watermark: false }).success).toBe(true);
  });
});
