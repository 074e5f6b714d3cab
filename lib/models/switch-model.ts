import { getModel, type ModelId, type ModelSpec } from "./registry";
import type { GenerateRequest } from "./request-schema";
import { checkSize, formatSize, isWhole } from "./size-rules";
import { charCount } from "../text/well-formed";
import { nearestSize } from "../compare/nearest-size";

/** A switch's sentence and the fields it speaks of: once one of them is changed, it no longer holds. */
export type SwitchNotice<Field extends string = string> = { readonly text: string; readonly about: readonly Field[] };

export type SwitchResult<Values = GenerateRequest> = { readonly values: Values; readonly notices: readonly SwitchNotice<keyof Values & string>[] };

/**
 * Moves the form to another model: what still fits stays, a size that does not goes to the new model's
 * nearest in shape, anything else to its default, and each change is said in words. The prompt is never cut, since that would lose the user's text; an
 * over-long one stays and is flagged for the user to shorten.
 */
export const switchModel = (values: GenerateRequest, to: ModelId): SwitchResult => {
  const model = getModel(to);
  const notices: SwitchNotice<keyof GenerateRequest>[] = [];
  const next: GenerateRequest = { ...values, model: to };
  const size = ["width", "height"] as const;

  if (!isWhole(values)) {
    // Half typed: a model that takes sizes in a range keeps what was typed (its own check says what is
    // missing); one that takes presets alone is given its default.
    if (model.sizeRule.kind === "presets") {
      next.width = model.defaultSize.width;
      next.height = model.defaultSize.height;
      notices.push({ text: `The size was not filled in; it is now ${formatSize(model.defaultSize)}.`, about: size });
    }
  } else if (!checkSize(model.id, model.sizeRule, model.presets, values).ok) {
    // The shape is what a person chose a size for: kept as near as the model allows, at the model's own scale.
    const nearest = nearestSize(model, values.width / values.height);
    next.width = nearest.width;
    next.height = nearest.height;
    notices.push({ text: `Size ${formatSize(values)} does not fit ${model.id}; it is now ${formatSize(nearest)}.`, about: size });
  }
  notices.push(...switchSharedFields(values, next, model));
  return { values: next, notices };
};

type SharedValues = {
  n: number;
  prompt: string;
  negativePrompt: string;
  seed: number | null;
  promptExtend: boolean;
  watermark: boolean;
};

/**
 * The part of a model switch every task shares: text over the new limits is flagged (never cut), options the
 * model does not take are cleared. Writes into `next`, returns the notices.
 */
export const switchSharedFields = (
  values: SharedValues,
  next: SharedValues,
  model: Pick<ModelSpec, "id" | "n" | "promptMaxLength" | "negativePromptMaxLength" | "options">,
): SwitchNotice<keyof SharedValues>[] => {
  const notices: SwitchNotice<keyof SharedValues>[] = [];
  const say = (about: keyof SharedValues, text: string) => notices.push({ text, about: [about] });
  // An empty or fractional count too (the field's NaN passes any comparison): a model that makes one image shows no field to say so at.
  if (!(Number.isInteger(values.n) && values.n >= model.n.min && values.n <= model.n.max)) {
    next.n = model.n.default;
    say(
      "n",
      Number.isInteger(values.n) && values.n > model.n.max
        ? `${values.n} images is more than ${model.id} makes per request; it is now ${model.n.default}.`
        : `The number of images was not one ${model.id} makes (${model.n.min} to ${model.n.max} per request); it is now ${model.n.default}.`,
    );
  }
  const promptCount = charCount(values.prompt);
  if (promptCount > model.promptMaxLength) {
    say(
      "prompt",
      `The prompt has ${promptCount} characters and ${model.id} reads at most ${model.promptMaxLength}: shorten it before generating.`,
    );
  }
  const negativeCount = charCount(values.negativePrompt);
  if (negativeCount > model.negativePromptMaxLength) {
    say(
      "negativePrompt",
      `The negative prompt has ${negativeCount} characters and ${model.id} reads at most ${model.negativePromptMaxLength}: shorten it before generating.`,
    );
  }
  if (!model.options.negativePrompt && values.negativePrompt !== "") {
    next.negativePrompt = "";
    say("negativePrompt", `${model.id} takes no negative prompt; it was cleared.`);
  }
  if (!model.options.seed && values.seed !== null) {
    next.seed = null;
    say("seed", `${model.id} takes no seed; it was cleared.`);
  }
  if (!model.options.promptExtend && values.promptExtend) {
    next.promptExtend = false;
    say("promptExtend", `${model.id} does not rewrite prompts; prompt rewriting is off.`);
  }
  if (!model.options.watermark && values.watermark) {
    next.watermark = false;
    say("watermark", `${model.id} adds no watermark; the watermark is off.`);
  }
  return notices;
};
