import type { ChainStep, ComparisonView, GenerationView, HistoryItem, ImageView } from "@/lib/generation/view";

/** What a history entry can ask of the playground around it (the form lives outside the history). */
export type HistoryActions = {
  readonly reuseSettings: (generation: GenerationView) => void;
  /** `from` says which form takes it: an edit's goes to the edit form, with the rest of that edit. */
  readonly reuseSeed: (seed: number, from: GenerationView) => void;
  readonly usePrompt: (prompt: string, from: GenerationView) => void;
  /** Puts a result in the edit form as the input of a new edit (the next step of a chain). */
  readonly editImage: (image: ImageView) => void;
  readonly retry: (generation: GenerationView) => void;
  readonly remove: (item: HistoryItem) => void;
  /** Brings an earlier step of an edit chain into view: its card, or a search that finds it. */
  readonly showStep: (step: ChainStep) => void;
  /** Fills the compare form from a past comparison. */
  readonly reuseComparison: (comparison: ComparisonView) => void;
  /** Opens a full-screen presentation of these items. */
  readonly present: (items: readonly HistoryItem[]) => void;
};
