import type { ComparisonView } from "../generation/view";
import { isModelComparison } from "../generation/set-kind";
import { format } from "../i18n/format";
import { findModel } from "../models/registry";

/** Whether a comparison's model names (and anything that gives them away, like sizes) are hidden. */
export const isHidden = (comparison: Pick<ComparisonView, "request" | "revealed">): boolean =>
  isModelComparison(comparison) && comparison.request.blind && !comparison.revealed;

/**
 * Text shown on a blind comparison (an error message, say) with every model's id and name replaced by its
 * column's label, so "qwen-image-max is unavailable" reads "Model B is unavailable".
 * `blindModel`: the label's template in the interface's language, "Model {letter}".
 */
export const blindText = (comparison: Pick<ComparisonView, "request" | "revealed" | "columns">, text: string, blindModel: string): string => {
  if (!isHidden(comparison)) return text;
  // Longest first, so "qwen-image-max" is replaced whole before "qwen-image" could match inside it.
  const names = comparison.columns
    .flatMap((column, index) => {
      const id = column.generation.request.model;
      return [id, findModel(id)?.name ?? id].map((name) => [name, columnLabel(comparison, index, blindModel)] as const);
    })
    .sort(([a], [b]) => b.length - a.length);
  return names.reduce((current, [name, label]) => current.split(name).join(label), text);
};

/** "Model A", "Model B"... for the column at `index`, from the label's template ("Model {letter}"). */
export const blindLabel = (index: number, blindModel: string): string => format(blindModel, { letter: String.fromCharCode(65 + index) });

/**
 * A column's heading: the model's name, or "Model A", "Model B"... while a blind comparison is unrevealed.
 * `blindModel`: the hidden label's template in the interface's language, "Model {letter}".
 */
export const columnLabel = (comparison: Pick<ComparisonView, "request" | "revealed" | "columns">, index: number, blindModel: string): string => {
  if (isHidden(comparison)) return blindLabel(index, blindModel);
  const model = comparison.columns[index]?.generation.request.model ?? "";
  return findModel(model)?.name ?? model;
};
