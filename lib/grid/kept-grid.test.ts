import { describe, expect, it } from "vitest";
import { DEFAULT_GRID } from "./grid-plan";
import type { GridRequest } from "./grid-request";
import { isKeptGrid } from "./kept-grid";

const grid = (patch: Record<string, unknown>) => ({ ...DEFAULT_GRID, ...patch }) as GridRequest;

describe("a grid read back from a draft", () => {
  it("is taken with every kind of axis as the form holds it, typed values not yet checked", () => {
    const axes = [
      { type: "model", values: ["wan2.6-t2i", "qwen-image"] },
      { type: "seed", values: [1, Number.NaN] },
      { type: "variables", mode: "random", count: Number.NaN, pickSeed: 3 },
    ];
    expect(isKeptGrid(grid({ axes, lists: { animals: ["cat", "owl"] } }))).toBe(true);
    expect(isKeptGrid(grid({ axes: [{ type: "replace", values: [] }, { type: "negative", values: ["fog"] }, { type: "aspect", values: ["1:1"] }] }))).toBe(true);
    expect(isKeptGrid(grid({ axes: [{ type: "promptExtend", values: [true, false] }] }))).toBe(true);
  });

  it("is refused when an axis, a list or a model is not one the form can show", () => {
    for (const patch of [
      { model: "a-model-since-removed" },
      { seed: { width: 1 } },
      { axes: [{ type: "model", values: ["a-model-since-removed"] }] },
      { axes: [{ type: "seed" }] },
      { axes: [{ type: "seed", values: ["1"] }] },
      { axes: [{ type: "style", values: ["ink"] }] },
      { axes: [{ type: "variables", mode: "all" }] },
      { axes: ["seed"] },
      { axes: [null] },
      { lists: { animals: "cat" } },
      { lists: { animals: [1] } },
    ])
      expect(isKeptGrid(grid(patch)), JSON.stringify(patch)).toBe(false);
  });
});
