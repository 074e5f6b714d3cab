import { isActive, type ComparisonView, type GenerationView, type HistoryItem } from "../generation/view";
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

/**
 * Of these items, the generations named alone that are columns of a blind comparison not revealed yet (a
 * column beside its own comparison is shown in it, not alone). Each comparison is read once, however many of
 * its columns (a grid's cells, a batch's rows) are named.
 */
export const hiddenAlone = async (store: Pick<GenerationStore, "getComparison">, items: readonly HistoryItem[]): Promise<ReadonlySet<string>> => {
  const sets = new Set(items.flatMap((item) => (item.kind === "comparison" ? [item.id] : [])));
  const alone = items.flatMap((item) => (item.kind === "generation" && item.comparisonId !== null && !sets.has(item.comparisonId) ? [{ id: item.id, comparisonId: item.comparisonId }] : []));
  const hidden = new Set(
    (
      await Promise.all(
        [...new Set(alone.map((column) => column.comparisonId))].map(async (id) => {
          const comparison = await store.getComparison(id);
          return comparison !== null && isHidden(comparison) ? [id] : [];
        }),
      )
    ).flat(),
  );
  return new Set(alone.filter((column) => hidden.has(column.comparisonId)).map((column) => column.id));
};

export const BLIND_SHARE =
  "The link was not made: an image chosen belongs to a blind comparison whose models are not revealed yet, and shown alone it would name its model. Share the whole comparison, or reveal the models first.";

export const BLIND_EDIT =
  "This image belongs to a blind comparison whose models are not revealed yet, and as an edit's input its size would tell its model. Reveal the models to edit it.";

/**
 * Whether a comparison keeps its columns' outcomes back (blind, not revealed, some column not ended): one
 * column stopped or retried at a time, the answers would tell which had finished and which had failed.
 */
export const hidesOutcomes = (comparison: Pick<ComparisonView, "request" | "revealed" | "columns">): boolean =>
  isHidden(comparison) && comparison.columns.some(({ generation }) => isActive(generation.status));

export const BLIND_ONE_COLUMN =
  "A blind comparison's columns are stopped all together (Cancel all) and retried once every one has ended: one at a time, the answers would tell which model finished first.";
