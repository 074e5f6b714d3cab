import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_COMPARE } from "../compare/compare-request";
import { defaultEdit } from "../edit/edit-defaults";
import { DEFAULT_GRID } from "../grid/grid-plan";
import { EDIT_MODELS } from "../models/edit-models";
import { defaultRequest } from "../models/defaults";
import { MODEL_IDS } from "../models/registry";
import { decodeDraft, draftStamp, encodeDraft, isKeptSeed } from "./draft";

const DEFAULTS = defaultRequest();
const STAMP = draftStamp(DEFAULTS, MODEL_IDS);

describe("a form's draft", () => {
  it("comes back as it was kept, with what the form holds beside it", () => {
    const values = { ...defaultRequest("qwen-image"), prompt: "A lantern festival", seed: 42, promptExtend: false };
    const side = { id: "a", width: 3 };
    expect(decodeDraft(encodeDraft(STAMP, values, side), STAMP, DEFAULTS)).toEqual({ values, side });
    expect(decodeDraft(encodeDraft(STAMP, values), STAMP, DEFAULTS)).toEqual({ values, side: null });
  });

  it("keeps a number field left empty or unreadable as such (NaN), which JSON cannot hold, wherever it is", () => {
    const values = { ...DEFAULTS, n: Number.NaN, width: Number.NaN, seed: Number.NaN };
    const back = decodeDraft(encodeDraft(STAMP, values), STAMP, DEFAULTS);
    expect(back?.values.n).toBeNaN();
    expect(back?.values.width).toBeNaN();
    expect(back?.values.seed).toBeNaN();
    const grid = { ...DEFAULT_GRID, axes: [{ type: "variables", mode: "random", count: Number.NaN, pickSeed: 1 }, { type: "seed", values: [1, Number.NaN] }] };
    const stamp = draftStamp(DEFAULT_GRID, MODEL_IDS);
    expect(decodeDraft(encodeDraft(stamp, grid), stamp, DEFAULT_GRID)?.values).toEqual(grid);
    // A text that happens to read like the mark stays a text.
    const typed = { ...DEFAULTS, prompt: '{"$nan":1}' };
    expect(decodeDraft(encodeDraft(STAMP, typed), STAMP, DEFAULTS)?.values).toEqual(typed);
  });

  it("takes an edit with its input and a size of its own, or none", () => {
    const edit = defaultEdit();
    const stamp = draftStamp(edit, EDIT_MODELS.map((model) => model.id));
    for (const values of [{ ...edit, input: { id: "in-1", width: 1200, height: 800 }, size: { width: 1024, height: 768 } }, { ...edit, prompt: "a night scene" }])
      expect(decodeDraft(encodeDraft(stamp, values), stamp, edit)?.values).toEqual(values);
    expect(decodeDraft(encodeDraft(stamp, { ...edit, size: { width: "1024" } }), stamp, edit)).toBeNull();
    expect(decodeDraft(encodeDraft(stamp, { ...edit, input: { id: "in-1" } }), stamp, edit)).toBeNull();
  });

  it("takes a seed typed or left random, a grid's axes and its saved lists", () => {
    const grid = { ...DEFAULT_GRID, seed: 7, axes: [{ type: "model", values: ["qwen-image"] }], lists: { animals: ["cat", "owl"] } };
    const stamp = draftStamp(DEFAULT_GRID, MODEL_IDS);
    expect(decodeDraft(encodeDraft(stamp, grid), stamp, DEFAULT_GRID)?.values).toEqual(grid);
    const compare = { ...DEFAULT_COMPARE, models: ["qwen-image", "wan2.6-t2i", "qwen-image-max"] };
    const compareStamp = draftStamp(DEFAULT_COMPARE, MODEL_IDS);
    expect(decodeDraft(encodeDraft(compareStamp, compare), compareStamp, DEFAULT_COMPARE)?.values).toEqual(compare);
  });

  it("is dropped when it was kept for another form, another deployment's models or format, or is not readable", () => {
    const kept = encodeDraft(STAMP, { ...DEFAULTS, prompt: "typed" });
    expect(decodeDraft(kept, draftStamp(DEFAULT_COMPARE, MODEL_IDS), DEFAULT_COMPARE)).toBeNull();
    expect(decodeDraft(kept, draftStamp(DEFAULTS, MODEL_IDS.slice(1)), DEFAULTS)).toBeNull();
    expect(decodeDraft(kept, draftStamp({ ...DEFAULTS, style: "" }, MODEL_IDS), { ...DEFAULTS, style: "" })).toBeNull();
    expect(decodeDraft(null, STAMP, DEFAULTS)).toBeNull();
    expect(decodeDraft("{not json", STAMP, DEFAULTS)).toBeNull();
    expect(decodeDraft("[]", STAMP, DEFAULTS)).toBeNull();
  });

  it("is dropped when its values do not have the form's shape", () => {
    const broken = [
      { ...DEFAULTS, prompt: 3 },
      { ...DEFAULTS, n: "2" },
      { ...DEFAULTS, seed: { value: "1" } },
      { ...DEFAULTS, seed: [1] },
      { ...DEFAULTS, promptExtend: "yes" },
      { ...DEFAULTS, extra: "" },
      (({ prompt: _prompt, ...rest }) => rest)(DEFAULTS),
      { ...DEFAULTS, watermark: null },
      "a prompt",
      null,
    ];
    for (const values of broken) expect(decodeDraft(encodeDraft(STAMP, values), STAMP, DEFAULTS), JSON.stringify(values)).toBeNull();
    const gridStamp = draftStamp(DEFAULT_GRID, MODEL_IDS);
    expect(decodeDraft(encodeDraft(gridStamp, { ...DEFAULT_GRID, axes: {} }), gridStamp, DEFAULT_GRID)).toBeNull();
    expect(decodeDraft(encodeDraft(gridStamp, { ...DEFAULT_GRID, lists: [] }), gridStamp, DEFAULT_GRID)).toBeNull();
  });

  it("takes a seed typed, left random or unreadable, and nothing else in its place", () => {
    for (const seed of [null, 42, Number.NaN]) expect(isKeptSeed(seed)).toBe(true);
    for (const seed of [{ value: 1 }, "42", [42], undefined]) expect(isKeptSeed(seed)).toBe(false);
  });

  it("gives back any prompt and settings typed, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string(), fc.option(fc.integer()), fc.boolean(), (prompt, negativePrompt, seed, promptExtend) => {
        const values = { ...DEFAULTS, prompt, negativePrompt, seed, promptExtend };
        expect(decodeDraft(encodeDraft(STAMP, values), STAMP, DEFAULTS)?.values).toEqual(values);
      }),
    );
  });
});
