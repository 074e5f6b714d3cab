import { getModel, type ModelId, type ModelSpec } from "../models/registry";
import type { GenerateRequest } from "../models/request-schema";
import { nearestSize } from "./nearest-size";
import { englishCount } from "../text/english-count";

/**
 * Settings asked of several models at once (a comparison's columns, a grid's cells) fitted to each model's
 * rule. No zod here: the history's cards plan grids and comparisons on the first screen, where zod is not loaded.
 */

export const COMPARE_ASPECTS = ["1:1", "4:3", "3:4", "3:2", "2:3", "16:9", "9:16", "21:9", "9:21"] as const;
export type CompareAspect = (typeof COMPARE_ASPECTS)[number];

export const aspectValue = (aspect: CompareAspect): number => {
  const [width = 1, height = 1] = aspect.split(":").map(Number);
  return width / height;
};

export type ColumnPlan = { readonly request: GenerateRequest; readonly notes: readonly string[] };

/** Settings as a comparison or a grid asks them of a model, before they meet its rule. */
export type AskedSettings = {
  readonly prompt: string;
  readonly negativePrompt: string;
  readonly aspect: number;
  readonly n: number;
  readonly seed: number | null;
  readonly promptExtend: boolean;
  readonly watermark: boolean;
};

/** The count of images a model makes of `asked` per request: the nearest it can. */
export const fittedCount = (id: ModelId, asked: number): number => {
  const { n } = getModel(id);
  return Math.min(n.max, Math.max(n.min, asked));
};

/**
 * A model's own request for settings asked of several models: its nearest size, the count it can make, and
 * none of the options it does not take, each difference said in a note.
 */
export const fitToModel = (id: ModelId, asked: AskedSettings): ColumnPlan => {
  const model = getModel(id);
  const notes: string[] = [];
  const n = fittedCount(id, asked.n);
  if (n !== asked.n) notes.push(`${model.n.min === model.n.max ? "Makes exactly" : "Makes at most"} ${englishCount(n, "image")} per request.`);
  const take = <T>(option: keyof ModelSpec["options"], value: T, none: T, note: string): T => {
    if (model.options[option] || value === none) return value;
    notes.push(note);
    return none;
  };
  return {
    request: {
      model: id,
      prompt: asked.prompt,
      negativePrompt: take("negativePrompt", asked.negativePrompt, "", "Takes no negative prompt: none sent."),
      ...nearestSize(model, asked.aspect),
      n,
      seed: take("seed", asked.seed, null, "Takes no seed: none sent."),
      promptExtend: take("promptExtend", asked.promptExtend, false, "Does not rewrite prompts."),
      watermark: take("watermark", asked.watermark, false, "Adds no watermark."),
    },
    notes,
  };
};

