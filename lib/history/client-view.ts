import { blindView } from "../compare/blind-view";
import type { GenerationView, HistoryItem } from "../generation/view";
import type { GenerationStore } from "../store/types";

/** A history item as it leaves the server for a browser: an unrevealed blind comparison without what would give its models away. */
export const clientItem = <Item extends HistoryItem>(item: Item): Item => (item.kind === "comparison" ? (blindView(item) as Item) : item);

/** A generation as it leaves the server: a column of an unrevealed blind comparison as its comparison shows it. */
export const clientGeneration = async (store: Pick<GenerationStore, "getComparison">, generation: GenerationView): Promise<GenerationView> => {
  const comparison = generation.comparisonId ? await store.getComparison(generation.comparisonId) : null;
  if (!comparison) return generation;
  return blindView(comparison).columns.find((column) => column.generation.id === generation.id)?.generation ?? generation;
};
