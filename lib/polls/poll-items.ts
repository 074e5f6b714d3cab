import { isGrid, isModelComparison } from "../generation/set-kind";
import type { ComparisonView } from "../generation/view";
import { planGrid } from "../grid/grid-plan";
import type { PollCandidate, PollItem } from "./poll";

/**
 * What a set gives a poll: a comparison of models is one item; a grid with a model axis gives one item per
 * place on its other axes (the cells that differ only by model). Each candidate is a model's first image;
 * an item needs images from two models at least.
 */
export const pollItems = (set: ComparisonView): PollItem[] => {
  const candidate = (column: ComparisonView["columns"][number]): PollCandidate[] => {
    const image = column.generation.images[0];
    return image ? [{ generationId: column.generation.id, imageId: image.id, model: column.generation.request.model }] : [];
  };
  const item = (prompt: string, columns: ReadonlyArray<ComparisonView["columns"][number]>): PollItem[] => {
    const candidates = columns.flatMap(candidate).filter((entry, index, all) => all.findIndex((other) => other.model === entry.model) === index);
    return candidates.length >= 2 ? [{ prompt, candidates }] : [];
  };
  if (isModelComparison(set)) return item(set.request.prompt, set.columns);
  if (!isGrid(set)) return [];
  const modelAxis = set.request.axes.findIndex((axis) => axis.type === "model");
  if (modelAxis < 0) return [];
  const groups = new Map<string, Array<ComparisonView["columns"][number]>>();
  planGrid(set.request, set.seed).cells.forEach((cell, index) => {
    const column = set.columns[index];
    if (!column) return;
    const key = cell.at.filter((_, axis) => axis !== modelAxis).join(",");
    groups.set(key, [...(groups.get(key) ?? []), column]);
  });
  return [...groups.values()].flatMap((columns) => item(columns[0]?.generation.request.prompt ?? set.request.prompt, columns));
};
