import type { GenerationView } from "../generation/view";
import type { GenerationStore } from "../store/types";
import { isHidden } from "./column-label";

/**
 * Whether a generation is a column of a blind comparison whose models are not revealed yet. Asked wherever
 * one generation can be named on its own (a share, a take-away, a download, an edit's input): shown alone,
 * its model, size or metadata would give the comparison away.
 */
export const inHiddenComparison = async (store: Pick<GenerationStore, "getComparison">, generation: Pick<GenerationView, "comparisonId">): Promise<boolean> => {
  if (!generation.comparisonId) return false;
  const comparison = await store.getComparison(generation.comparisonId);
  return comparison !== null && isHidden(comparison);
};

export const BLIND_SHARE =
  "The link was not made: an image chosen belongs to a blind comparison whose models are not revealed yet, and shown alone it would name its model. Share the whole comparison, or reveal the models first.";

export const BLIND_EDIT =
  "This image belongs to a blind comparison whose models are not revealed yet, and as an edit's input its size would tell its model. Reveal the models to edit it.";
