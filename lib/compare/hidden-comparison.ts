import type { ComparisonView, GenerationStatus, HistoryItem, ImageView } from "../generation/view";
import { blindText, isHidden } from "./column-label";

/**
 * A blind comparison as it may leave the server before its models are revealed: the prompt, and per column
 * its images, its state and its failure with every model's id and name replaced by the column's label.
 * No model id or name, no size setting, seed, note or timing: nothing a page's payload could give away.
 */

/** The label as the server writes it into a failure; the interface translates the sentence around it. */
const SERVER_LABEL = "Model {letter}";

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
  columns: comparison.columns.map(({ generation }) => ({
    id: generation.id,
    status: generation.status,
    images: generation.images,
    error: generation.error && blindText(comparison, generation.error.message, SERVER_LABEL),
  })),
});

/** An unrevealed blind comparison hidden; anything else as it is. */
export const publicItem = (item: HistoryItem): PublicItem => (item.kind === "comparison" && isHidden(item) ? hideComparison(item) : item);

export const BLIND_DOWNLOAD =
  "This image belongs to a blind comparison whose models are not revealed yet, and a download's file name and metadata name its model. Reveal the models to download it.";
