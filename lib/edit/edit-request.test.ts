import fc from "fast-check";
import { safeParse } from "zod/mini";
import { describe, expect, it } from "vitest";
import { EDIT_MODELS, getEditModel } from "../models/edit-models";
import { checkSize } from "../models/size-rules";
import { defaultEdit, switchEditModel } from "./edit-defaults";
import { editRequestSchema, type EditRequest } from "./edit-request";
import { editOutputSize } from "./output-size";
import { followInputSize } from "./output-size";

const INPUT = { id: "input-1", width: 1200, height: 800 };
const valid = (overrides: Partial<EditRequest> = {}): EditRequest => ({ ...defaultEdit("qwen-image-edit-plus", INPUT), prompt: "make the sky stormy", ...overrides });

const issues = (value: unknown) => {
  const parsed = safeParse(editRequestSchema, value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("the edit request", () => {
  it("takes an edit that follows its input, and one with a size the model allows", () => {
    expect(issues(valid())).toEqual([]);
    expect(issues(valid({ size: { width: 1024, height: 1536 }, n: 6 }))).toEqual([]);
  });

  it("says every fault at once: a count it cannot read does not hide the prompt's length", () => {
    // The last: a value that throws when compared (its toString is no function), found by the generation schema's property.
    for (const n of [2.5, Number.NaN, { toString: [] } as unknown as number]) {
      expect(issues(valid({ prompt: "x".repeat(801), n }))).toEqual([
        expect.stringMatching(/^n: Number of images must be a (whole )?number\.$/),
        "prompt: qwen-image-edit-plus reads at most 800 characters; this prompt has 801.",
      ]);
    }
  });

  it("asks for an input image before anything else about it", () => {
    expect(issues(valid({ input: defaultEdit().input }))).toEqual(["input.id: Choose an input image first."]);
  });

  it("holds the input to the model's pixel bounds, saying the size found", () => {
    expect(issues(valid({ input: { id: "x", width: 300, height: 800 } }))).toEqual([
      "input: The input image is 300*800; qwen-image-edit-plus needs at least 384 px on each side.",
    ]);
    expect(issues(valid({ input: { id: "x", width: 4000, height: 800 } }))).toEqual([
      "input: The input image is 4000*800; qwen-image-edit-plus takes at most 3072 px on each side.",
    ]);
  });

  it("refuses a size for the model that takes none, and one outside a model's range", () => {
    expect(issues(valid({ model: "qwen-image-edit", promptExtend: false, size: { width: 1024, height: 1024 } }))).toEqual([
      "size: qwen-image-edit takes no size: its output follows the input image.",
    ]);
    expect(issues(valid({ size: { width: 4096, height: 1024 } }))[0]).toMatch(/^size: .*2048/);
  });

  it("holds the count, the text and the options to the model, as generation does", () => {
    expect(issues(valid({ model: "qwen-image-edit", promptExtend: false, n: 2 }))).toEqual(["n: qwen-image-edit makes exactly 1 image per request."]);
    expect(issues(valid({ model: "qwen-image-edit", promptExtend: true }))).toEqual(["promptExtend: qwen-image-edit does not take this option."]);
    expect(issues(valid({ prompt: "  " }))).toEqual(["prompt: Write a prompt first."]);
    expect(issues(valid({ prompt: "x".repeat(801) }))).toEqual(["prompt: qwen-image-edit-plus reads at most 800 characters; this prompt has 801."]);
    expect(issues({ ...valid(), model: "wan2.6-t2i" })).toEqual(["model: Choose one of the listed editing models."]);
    expect(issues({ ...valid(), image: "data:..." })).toEqual([": Unrecognized key: image."]);
  });
});

describe("an edit's output size", () => {
  it("follows the input's shape at about a megapixel, on multiples of 16", () => {
    expect(followInputSize(getEditModel("qwen-image-edit"), { width: 1200, height: 800 })).toEqual({ width: 1248, height: 832 });
    expect(followInputSize(getEditModel("qwen-image-edit"), { width: 1000, height: 1000 })).toEqual({ width: 1024, height: 1024 });
    expect(editOutputSize(getEditModel("qwen-image-edit-plus"), valid({ size: { width: 512, height: 2048 } }))).toEqual({ width: 512, height: 2048 });
  });

  it("is always a size the model would accept, for any input the models take", () => {
    fc.assert(
      fc.property(fc.constantFrom(...EDIT_MODELS), fc.integer({ min: 384, max: 3072 }), fc.integer({ min: 384, max: 3072 }), (model, width, height) => {
        const size = followInputSize(model, { width, height });
        expect(size.width % 16).toBe(0);
        expect(size.height % 16).toBe(0);
        if (model.size) expect(checkSize(model.id, model.size.rule, model.size.presets, size)).toEqual({ ok: true });
        // The shape stays close to the input's, unless a side had to be clamped into the range.
        const clamped = model.size && [size.width, size.height].some((side) => side === 512 || side === 2048);
        if (!clamped) expect(Math.abs(Math.log(size.width / size.height / (width / height)))).toBeLessThan(0.06);
      }),
    );
  });
});

describe("switching the editing model", () => {
  it("keeps what fits and says what changed", () => {
    const from = valid({ size: { width: 1024, height: 1536 }, n: 4, seed: 9 });
    const switched = switchEditModel(from, "qwen-image-edit");
    expect(switched.values).toMatchObject({ model: "qwen-image-edit", size: null, n: 1, seed: 9, promptExtend: false, input: INPUT });
    expect(switched.notices).toEqual([
      { text: "qwen-image-edit takes no size; the output now follows the input image.", about: ["size"] },
      { text: "4 images is more than qwen-image-edit makes per request; it is now 1.", about: ["n"] },
      { text: "qwen-image-edit does not rewrite prompts; prompt rewriting is off.", about: ["promptExtend"] },
    ]);
    expect(switchEditModel(from, "qwen-image-2.0-pro")).toEqual({ values: { ...from, model: "qwen-image-2.0-pro" }, notices: [] });
    // A size half typed is not said as "NaN".
    const half = switchEditModel(valid({ size: { width: Number.NaN, height: 1536 } }), "qwen-image-2.0-pro");
    expect([half.values.size, half.notices.map(({ text }) => text)]).toEqual([null, ["The size was not filled in; the output now follows the input image."]]);
  });
});
