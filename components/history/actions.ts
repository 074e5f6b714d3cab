import type { ComparisonView, GenerationView, HistoryItem } from "@/lib/generation/view";

/** What a history entry can ask of the playground around it (the form lives outside the history). */
export type HistoryActions = {
  readonly reuseSettings: (generation: GenerationView) => void;
  readonly reuseSeed: (seed: number) => void;
  readonly usePrompt: (prompt: string) => void;
  readonly retry: (generation: GenerationView) => void;
  readonly remove: (item: HistoryItem) => void;
  /** Fills the compare form from a past comparison. */
  readonly reuseComparison: (comparison: ComparisonView) => void;
  /** Opens a full-screen presentation of these items. */
  readonly present: (items: readonly HistoryItem[]) => void;
};
