import type { EditModelSpec } from "../models/edit-models";
import type { Size } from "../models/size-rules";

const STEP = 16;
const round = (value: number) => Math.max(STEP, Math.round(value / STEP) * STEP);

/**
 * What an edit without a size comes out at: the input's aspect ratio at about the model's pixel count, sides
 * on multiples of 16 and, for a model with a size range, inside it. The upstream does not publish its exact
 * rounding, so the form calls this "about"; the simulator uses it as its rule.
 */
export const followInputSize = (model: Pick<EditModelSpec, "size" | "followInputPixels">, input: Size): Size => {
  const aspect = input.width / input.height;
  let width = Math.sqrt(model.followInputPixels * aspect);
  let height = Math.sqrt(model.followInputPixels / aspect);
  const rule = model.size?.rule;
  if (rule?.kind === "side-range") {
    width = Math.min(rule.max, Math.max(rule.min, width));
    height = Math.min(rule.max, Math.max(rule.min, height));
  }
  return { width: round(width), height: round(height) };
};

/**
 * The size the edit's images will have: the one asked for, or what following the input gives. Here rather
 * than beside the edit schema, so the history's cards can size an edit without loading the schema.
 */
export const editOutputSize = (model: EditModelSpec, request: { readonly size: Size | null; readonly input: Size }): Size =>
  request.size ?? followInputSize(model, request.input);
