import { isGrid, isModelComparison } from "../generation/set-kind";
import type { ComparisonView } from "../generation/view";
import { planGrid } from "../grid/grid-plan";
import type { GridRequest } from "../grid/grid-request";
import type { PollCandidate, PollItem, PollPlace } from "./poll";

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
  const item = (prompt: string, place: PollPlace, columns: ReadonlyArray<ComparisonView["columns"][number]>): PollItem[] => {
    const candidates = columns.flatMap(candidate).filter((entry, index, all) => all.findIndex((other) => other.model === entry.model) === index);
    return candidates.length >= 2 ? [{ prompt, ...(place.length > 0 && { place }), candidates }] : [];
  };
  if (isModelComparison(set)) return item(set.request.prompt, [], set.columns);
  if (!isGrid(set)) return [];
  const { axes } = set.request;
  const modelAxis = axes.findIndex((axis) => axis.type === "model");
  if (modelAxis < 0) return [];
  const groups = new Map<string, { place: PollPlace; columns: Array<ComparisonView["columns"][number]> }>();
  planGrid(set.request, set.seed).cells.forEach((cell, index) => {
    const column = set.columns[index];
    if (!column) return;
    const key = cell.at.filter((_, axis) => axis !== modelAxis).join(",");
    const group = groups.get(key) ?? { place: placeOf(axes, cell.at), columns: [] };
    groups.set(key, { ...group, columns: [...group.columns, column] });
  });
  return [...groups.values()].flatMap(({ place, columns }) => item(columns[0]?.generation.request.prompt ?? set.request.prompt, place, columns));
};

/** A cell's values on the axes a voter cannot tell from the item's prompt, the model's aside (what is voted on). */
const placeOf = (axes: GridRequest["axes"], at: readonly number[]): PollPlace =>
  axes.flatMap((axis, position) => {
    if (axis.type === "model" || axis.type === "variables" || axis.type === "replace") return [];
    const value = axis.values[at[position] ?? 0];
    return value === undefined ? [] : [{ axis: axis.type, value }];
  });
