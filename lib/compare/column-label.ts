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

/** A blind column's letter: A, B, C… by its place (the columns are stored in their shuffled order). */
const letter = (index: number): string => String.fromCharCode(65 + index);

/**
 * A blind comparison's column letter, kept after the reveal so the column people spoke of as "B" can still be
 * found (a file's name keeps it too); null for a set whose columns go by their names alone.
 */
export const columnLetter = (comparison: Pick<ComparisonView, "request">, index: number): string | null =>
  isModelComparison(comparison) && comparison.request.blind ? letter(index) : null;

/** "Model A", "Model B"... for the column at `index`, from the label's template ("Model {letter}"). */
export const blindLabel = (index: number, blindModel: string): string => format(blindModel, { letter: letter(index) });

/**
 * A column's heading: the model's name, "Model A", "Model B"... while a blind comparison is unrevealed, and
 * after its reveal "B · Qwen-Image Plus", so the column people spoke of as "B" can still be found.
 * `blindModel`: the hidden label's template in the interface's language, "Model {letter}".
 */
export const columnLabel = (comparison: Pick<ComparisonView, "request" | "revealed" | "columns">, index: number, blindModel: string): string => {
  if (isHidden(comparison)) return blindLabel(index, blindModel);
  const model = comparison.columns[index]?.generation.request.model ?? "";
  const name = findModel(model)?.name ?? model;
  const tag = columnLetter(comparison, index);
  return tag === null ? name : `${tag} · ${name}`;
};
