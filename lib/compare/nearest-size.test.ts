import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getModel, MODELS } from "../models/registry";
import { checkSize } from "../models/size-rules";
import { nearestSize } from "./nearest-size";

describe("nearest size for an aspect ratio", () => {
  it("picks the preset with the closest ratio for preset-only models", () => {
    const qwen = getModel("qwen-image");
    expect(nearestSize(qwen, 16 / 9)).toEqual({ width: 1664, height: 928 });
    expect(nearestSize(qwen, 1)).toEqual({ width: 1328, height: 1328 });
    expect(nearestSize(qwen, 3 / 4)).toEqual({ width: 1104, height: 1472 });
    // 21:9 is wider than any preset: the widest one is the nearest.
    expect(nearestSize(qwen, 21 / 9)).toEqual({ width: 1664, height: 928 });
  });

  it("keeps the ratio at the model's own scale within a side range", () => {
    expect(nearestSize(getModel("wan2.2-t2i-flash"), 1)).toEqual({ width: 1024, height: 1024 });
    expect(nearestSize(getModel("wan2.2-t2i-flash"), 16 / 9)).toEqual({ width: 1280, height: 720 });
    expect(nearestSize(getModel("qwen-image-2.0-pro"), 1)).toEqual({ width: 2048, height: 2048 });
    // 2048*2048 worth of pixels at 16:9 would need a 2731 px side: the longer side stops at 2048.
    expect(nearestSize(getModel("qwen-image-2.0-pro"), 16 / 9)).toEqual({ width: 2048, height: 1152 });
  });

  it("meets a pixel budget and its aspect bounds", () => {
    const wan = getModel("wan2.6-t2i");
    expect(nearestSize(wan, 1)).toEqual({ width: 1280, height: 1280 });
    const wide = nearestSize(wan, 16 / 9);
    expect(wide).toEqual({ width: 1792, height: 1008 });
    // 10:1 is beyond the 4:1 bound: the nearest is a 4:1 size.
    const extreme = nearestSize(wan, 10);
    expect(extreme.width / extreme.height).toBeCloseTo(4, 1);
  });

  it("always answers a size the model accepts, for any ratio", () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODELS), fc.double({ min: 0.05, max: 20, noNaN: true }), (model, aspect) => {
        const size = nearestSize(model, aspect);
        expect(checkSize(model.id, model.sizeRule, model.presets, size)).toEqual({ ok: true });
      }),
      { numRuns: 2000 },
    );
  });

  it("never comes further from the ratio than some allowed preset", () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODELS), fc.double({ min: 0.1, max: 10, noNaN: true }), (model, aspect) => {
        const error = (w: number, h: number) => Math.abs(Math.log(w / h / aspect));
        const size = nearestSize(model, aspect);
        const bestPreset = Math.min(...model.presets.map((preset) => error(preset.width, preset.height)));
        expect(error(size.width, size.height)).toBeLessThanOrEqual(bestPreset + 0.002);
      }),
      { numRuns: 1000 },
    );
  });
});
