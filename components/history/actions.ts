import type { GenerationView } from "@/lib/generation/view";

/** What a history entry can ask of the playground around it (the form lives outside the history). */
export type HistoryActions = {
  readonly reuseSettings: (generation: GenerationView) => void;
  readonly reuseSeed: (seed: number) => void;
  readonly usePrompt: (prompt: string) => void;
  readonly retry: (generation: GenerationView) => void;
  readonly remove: (generation: GenerationView) => void;
};
