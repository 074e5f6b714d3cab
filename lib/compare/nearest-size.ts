import type { ModelSpec } from "../models/registry";
import { checkSize, type Size } from "../models/size-rules";

/** Sides land on multiples of 16, which every model here accepts and diffusion models render best. */
const STEP = 16;

const roundings = (value: number): number[] => [Math.floor(value / STEP) * STEP, Math.ceil(value / STEP) * STEP];

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The ideal size for an aspect ratio at a pixel count, before the rule's bounds and rounding. */
const ideal = (aspect: number, pixels: number): Size => ({ width: Math.sqrt(pixels * aspect), height: Math.sqrt(pixels / aspect) });

/** Sizes worth trying besides the presets: the ideal one brought inside the rule, rounded every way. */
const computedCandidates = (model: ModelSpec, aspect: number, pixels: number): Size[] => {
  const rule = model.sizeRule;
  let target: Size;
  switch (rule.kind) {
    case "presets":
      return [];
    case "side-range": {
      const start = ideal(aspect, pixels);
      // Shrink until the longer side fits, then grow until the shorter one does; a ratio wider than the
      // range allows ends clamped at both bounds, the closest this model can come.
      const down = Math.min(1, rule.max / Math.max(start.width, start.height));
      const up = Math.max(1, rule.min / Math.min(start.width * down, start.height * down));
      target = { width: clamp(start.width * down * up, rule.min, rule.max), height: clamp(start.height * down * up, rule.min, rule.max) };
      break;
    }
    case "pixel-budget":
      target = ideal(clamp(aspect, rule.minAspect, rule.maxAspect), clamp(pixels, rule.minPixels, rule.maxPixels));
      break;
  }
  return roundings(target.width).flatMap((width) => roundings(target.height).map((height) => ({ width, height })));
};

/**
 * The size a model allows that comes nearest to an aspect ratio: closest ratio first, then the pixel count
 * nearest the model's own default (so each model renders at the scale it is meant for). Always one the
 * model accepts; the default size is the last resort.
 */
export const nearestSize = (model: ModelSpec, aspect: number): Size => {
  const pixels = model.defaultSize.width * model.defaultSize.height;
  const candidates = [...model.presets, ...computedCandidates(model, aspect, pixels)]
    .map(({ width, height }) => ({ width, height }))
    .filter((size) => checkSize(model.id, model.sizeRule, model.presets, size).ok)
    .map((size) => ({
      size,
      aspectError: Math.abs(Math.log(size.width / size.height / aspect)),
      pixelError: Math.abs(Math.log((size.width * size.height) / pixels)),
    }));
  const closest = Math.min(...candidates.map((candidate) => candidate.aspectError));
  // Rounding to 16 px moves a ratio by a fraction of a percent: within 0.2%, the better scale wins.
  const best = candidates
    .filter((candidate) => candidate.aspectError <= closest + 0.002)
    .sort((a, b) => a.pixelError - b.pixelError)[0];
  return best ? best.size : { width: model.defaultSize.width, height: model.defaultSize.height };
};
