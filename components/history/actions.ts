import type { ChainStep, GenerationView, HistoryItem, ImageView } from "@/lib/generation/view";

/** What a history entry can ask of the playground around it (the form lives outside the history). */
/** "used": the seed the result was made with, to make it again; "new": everything else, with a random seed. */
export type SeedChoice = "used" | "new";

export type HistoryActions = {
  /** Fills the form the item came from (one model, compare or edit) with its settings. */
  readonly reuseSettings: (item: HistoryItem, seed: SeedChoice) => void;
  /** `from` says which form takes it: an edit's goes to the edit form, with the rest of that edit. */
  readonly reuseSeed: (seed: number, from: GenerationView) => void;
  readonly usePrompt: (prompt: string, from: GenerationView) => void;
  /** Puts a result in the edit form as the input of a new edit (the next step of a chain). */
  readonly editImage: (image: ImageView) => void;
  readonly retry: (generation: GenerationView) => void;
  readonly remove: (item: HistoryItem) => void;
  /** Brings an earlier step of an edit chain into view: its card, or a search that finds it. */
  readonly showStep: (step: ChainStep) => void;
  /** Opens an image in the lightbox, from where the rest of the history's images are a key press away. */
  readonly openImage: (generation: GenerationView, image: ImageView) => void;
  /** Opens a full-screen presentation of these items. */
  readonly present: (items: readonly HistoryItem[]) => void;
};
