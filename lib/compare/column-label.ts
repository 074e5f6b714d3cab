import type { ComparisonView } from "../generation/view";
import { findModel } from "../models/registry";

/** Whether a comparison's model names (and anything that gives them away, like sizes) are hidden. */
export const isHidden = (comparison: Pick<ComparisonView, "request" | "revealed">): boolean => comparison.request.blind && !comparison.revealed;

/** A column's heading: the model's name, or "Model A", "Model B"... while a blind comparison is unrevealed. */
export const columnLabel = (comparison: Pick<ComparisonView, "request" | "revealed" | "columns">, index: number): string => {
  if (isHidden(comparison)) return `Model ${String.fromCharCode(65 + index)}`;
  const model = comparison.columns[index]?.generation.request.model ?? "";
  return findModel(model)?.name ?? model;
};
