// zod/mini, like the generate schema: the compare form ships it to the browser.
import * as z from "zod/mini";
import { MARKS_BY_FAMILY } from "../models/marks-by-family";
import { marksTellApart } from "../models/watermark-mark";
import { getModel, MODEL_IDS, type ModelId, type ModelSpec } from "../models/registry";
import { acrossFields, flag, seedSchema, strictFields, text, wholeNumber } from "../models/request-schema";
import { charCount } from "../text/well-formed";
import { aspectValue, COMPARE_ASPECTS, fitToModel, type ColumnPlan } from "./fit-to-model";
import { englishCount } from "../text/english-count";

/**
 * One prompt and one seed run on several models at once. The same schema checks the compare form and the
 * route; each model's own request is then derived from it (its nearest size, its n, the options it takes).
 */

export const COMPARE_MODELS = { min: 2, max: 4 } as const;

/** Images per model: a comparison multiplies the bill by the number of columns, so it stays small. */
export const COMPARE_PER_MODEL = { min: 1, max: 4 } as const;


/** The strictest limit among the chosen models, and which model sets it (named in the refusal). */
const strictest = (models: readonly ModelSpec[], limit: (model: ModelSpec) => number) =>
  models.reduce<ModelSpec | undefined>((best, model) => (best === undefined || limit(model) < limit(best) ? model : best), undefined);

/** The aspect ratio a set asks of every model, each model getting its nearest size. */
export const aspectSchema = z.enum(COMPARE_ASPECTS, { error: "Choose one of the listed aspect ratios." });

/** Images per column or per cell ("Images per model", "Images per cell"), capped by each model's own limit. */
export const imagesPer = (what: string) =>
  z
    .number({ error: `${what} must be a number.` })
    .check(
      wholeNumber(`${what} must be a whole number.`),
      z.minimum(COMPARE_PER_MODEL.min, `${what} must be ${COMPARE_PER_MODEL.min} to ${COMPARE_PER_MODEL.max}.`),
      z.maximum(COMPARE_PER_MODEL.max, `${what} must be ${COMPARE_PER_MODEL.min} to ${COMPARE_PER_MODEL.max}.`),
    );

export const BLIND_WATERMARK = `A blind comparison cannot carry the watermark across model families: it reads ${MARKS_BY_FAMILY}, so it would tell the models apart. Turn the watermark or blind mode off.`;

/** What the compare checks across fields read. */
type CompareShape = { readonly models: readonly ModelId[]; readonly prompt: string; readonly negativePrompt: string; readonly blind: boolean; readonly watermark: boolean };

export const compareRequestSchema = z
  .strictObject({
    models: z
      .array(z.enum(MODEL_IDS, { error: "Choose models from the list." }), { error: "Send the models as a list." })
      .check(
        z.minLength(COMPARE_MODELS.min, `Pick at least ${COMPARE_MODELS.min} models to compare.`),
        z.maxLength(COMPARE_MODELS.max, `Compare at most ${COMPARE_MODELS.max} models at once.`),
        z.refine((models) => new Set(models).size === models.length, "Each model can be picked once."),
      ),
    prompt: text("The prompt"),
    negativePrompt: text("The negative prompt"),
    aspect: aspectSchema,
    perModel: imagesPer("Images per model"),
    seed: seedSchema,
    promptExtend: flag("Prompt rewriting"),
    watermark: flag("Watermark"),
    blind: flag("Blind comparison"),
  }, strictFields)
  .check(
    acrossFields<CompareShape>(["models"], (value, addIssue, refused) => {
      const models = value.models.map(getModel);
      if (!refused.has("prompt")) {
        if (value.prompt.trim() === "") addIssue(["prompt"], "Write a prompt first.");
        const promptLimit = strictest(models, (model) => model.promptMaxLength);
        const promptCount = charCount(value.prompt);
        if (promptLimit && promptCount > promptLimit.promptMaxLength) {
          addIssue(["prompt"], `${promptLimit.id} reads at most ${promptLimit.promptMaxLength} characters; this prompt has ${promptCount}.`);
        }
      }
      if (!refused.has("blind") && !refused.has("watermark") && value.blind && marksTellApart(models.map((model) => ({ model: model.id, watermark: value.watermark && model.options.watermark })))) {
        addIssue(["watermark"], BLIND_WATERMARK);
      }
      if (refused.has("negativePrompt")) return;
      const negativeLimit = strictest(
        models.filter((model) => model.options.negativePrompt),
        (model) => model.negativePromptMaxLength,
      );
      const negativeCount = charCount(value.negativePrompt);
      if (negativeLimit && negativeCount > negativeLimit.negativePromptMaxLength) {
        addIssue(["negativePrompt"], `${negativeLimit.id} reads a negative prompt of at most ${negativeLimit.negativePromptMaxLength} characters; it has ${negativeCount}.`);
      }
    }),
  );

export type CompareRequest = z.infer<typeof compareRequestSchema>;

/** A fresh compare form: two recommended models of the two families, one image each. */
export const DEFAULT_COMPARE: CompareRequest = {
  models: ["wan2.6-t2i", "qwen-image-max"],
  prompt: "",
  negativePrompt: "",
  aspect: "1:1",
  perModel: 1,
  seed: null,
  promptExtend: true,
  watermark: false,
  blind: false,
};

/**
 * The count each column is asked for: the form's, or in blind mode the most every chosen model makes when
 * that is fewer (blind columns must not stand out by their count of images). The form's own count is kept.
 */
export const perModelAsked = (compare: Pick<CompareRequest, "models" | "perModel" | "blind">): number =>
  compare.blind ? Math.min(compare.perModel, ...compare.models.map((id) => getModel(id).n.max)) : compare.perModel;

/**
 * Each model's own request for a comparison, with a note for everything that differs from what was asked
 * (shown on its column). `seed` is the one shared seed, fixed by the server before the plan when left random.
 */
export const planComparison = (compare: CompareRequest, seed: number | null = compare.seed): ColumnPlan[] => {
  const asked = perModelAsked(compare);
  return compare.models.map((id) => {
    const plan = fitToModel(id, { ...compare, aspect: aspectValue(compare.aspect), n: asked, seed });
    return asked === compare.perModel
      ? plan
      : { ...plan, notes: [`Blind: ${englishCount(asked, "image")} per model, the most every chosen model makes, so no column stands out.`, ...plan.notes.filter((note) => !note.startsWith("Makes "))] };
  });
};

export const comparisonImageCount = (plans: readonly ColumnPlan[]): number => plans.reduce((sum, plan) => sum + plan.request.n, 0);
