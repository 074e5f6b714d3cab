import { describe, expect, it } from "vitest";
import { MODELS, modelsByFamily } from "./registry";
import { checkSize } from "./size-rules";

describe("model registry", () => {
  it("lists every model the gateway serves, once", () => {
    expect(MODELS.map((model) => model.id).sort()).toEqual(
      [
        "wan2.6-t2i", "wan2.5-t2i-preview", "wan2.2-t2i-flash", "wan2.2-t2i-plus", "wanx2.1-t2i-turbo",
        "wanx2.1-t2i-plus", "wanx2.0-t2i-turbo", "qwen-image", "qwen-image-plus", "qwen-image-max",
        "qwen-image-plus-2026-01-09", "qwen-image-2.0-pro",
      ].sort(),
    );
  });

  it.each(MODELS.map((model) => [model.id, model] as const))("%s: default size and every preset obey its own rule", (_, model) => {
    expect(checkSize(model.id, model.sizeRule, model.presets, model.defaultSize)).toEqual({ ok: true });
    for (const preset of model.presets) expect(checkSize(model.id, model.sizeRule, model.presets, preset)).toEqual({ ok: true });
  });

  it.each(MODELS.map((model) => [model.id, model] as const))("%s: n defaults lie within its range and limits are cited", (_, model) => {
    expect(model.n.min).toBeLessThanOrEqual(model.n.default);
    expect(model.n.default).toBeLessThanOrEqual(model.n.max);
    expect(model.n.min).toBeLessThanOrEqual(model.n.upstreamDefault);
    expect(model.n.upstreamDefault).toBeLessThanOrEqual(model.n.max);
    expect(model.negativePromptMaxLength).toBe(500);
    expect(model.source.length).toBeGreaterThan(20);
  });

  it("carries the real limits where the gateway page is looser", () => {
    const byId = Object.fromEntries(MODELS.map((model) => [model.id, model]));
    expect(byId["qwen-image"]?.n.max).toBe(1);
    expect(byId["qwen-image-2.0-pro"]?.n.max).toBe(6);
    expect(byId["qwen-image-2.0-pro"]?.defaultSize).toMatchObject({ width: 2048, height: 2048 });
    expect(byId["wan2.6-t2i"]?.sizeRule.kind).toBe("pixel-budget");
    expect(byId["qwen-image-max"]?.sizeRule.kind).toBe("presets");
    expect(byId["wan2.2-t2i-flash"]?.sizeRule).toEqual({ kind: "side-range", min: 512, max: 1440 });
  });

  it("groups models by family with none left out", () => {
    const groups = modelsByFamily();
    expect(groups.map((group) => group.family)).toEqual(["wan", "qwen"]);
    expect(groups.flatMap((group) => group.models)).toHaveLength(MODELS.length);
  });
});
