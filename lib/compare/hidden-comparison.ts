import type { ComparisonView, GenerationStatus, HistoryItem, ImageView } from "../generation/view";
import { blindView } from "./blind-view";
import { isHidden } from "./column-label";

/**
 * A blind comparison as a share page receives it before its models are revealed: the prompt, and per column
 * what the owner's history shows of it (lib/compare/blind-view.ts): its images in the shape asked of every
 * model, its state and its failure with every model's id and name replaced by the column's label. No model
 * id or name, no size, seed, revised prompt, note or timing: nothing a page's payload could give away.
 */

export type HiddenColumn = {
  readonly id: string;
  readonly status: GenerationStatus;
  readonly images: readonly ImageView[];
  /** The failure in English, with "Model A" where the model was named. */
  readonly error: string | null;
};

export type HiddenComparison = {
  readonly kind: "hidden-comparison";
  readonly id: string;
  readonly createdAt: number;
  readonly request: { readonly prompt: string };
  readonly columns: readonly HiddenColumn[];
};

/** A history item as a page outside the playground may receive it. */
export type PublicItem = HistoryItem | HiddenComparison;

export const hideComparison = (comparison: ComparisonView): HiddenComparison => ({
  kind: "hidden-comparison",
  id: comparison.id,
  createdAt: comparison.createdAt,
  request: { prompt: comparison.request.prompt },
  columns: blindView(comparison).columns.map(({ generation }) => ({
    id: generation.id,
    status: generation.status,
    images: generation.images,
    error: generation.error?.message ?? null,
  })),
});

/** An unrevealed blind comparison hidden; anything else as it is. */
export const publicItem = (item: HistoryItem): PublicItem => (item.kind === "comparison" && isHidden(item) ? hideComparison(item) : item);

export const BLIND_DOWNLOAD =
  "This image belongs to a blind comparison whose models are not revealed yet, and a download's file name and metadata name its model. Reveal the models to download it.";
