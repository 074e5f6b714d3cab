import { isGrid, isModelComparison } from "../generation/set-kind";
import type { ComparisonView, GenerationStatus } from "../generation/view";
import { planGrid } from "../grid/grid-plan";
import type { GridRequest } from "../grid/grid-request";
import type { PollCandidate, PollItem, PollLeftOut, PollPlace } from "./poll";

/**
 * What a set gives a poll: a comparison of models is one item; a grid with a model axis gives one item per
 * place on its other axes (the cells that differ only by model). Each candidate is a model's first image;
 * an item needs images from two models at least.
 */

type Column = ComparisonView["columns"][number];

/** A place of a set that may become an item: its prompt, where in a grid it is, and its columns (one a model) by index in the set. */
type SetPlace = { readonly prompt: string; readonly place: PollPlace; readonly columns: ReadonlyArray<{ readonly column: Column; readonly index: number }> };

export const setPlaces = (set: ComparisonView): SetPlace[] => {
  if (isModelComparison(set)) return [{ prompt: set.request.prompt, place: [], columns: set.columns.map((column, index) => ({ column, index })) }];
  if (!isGrid(set)) return [];
  const { axes } = set.request;
  const modelAxis = axes.findIndex((axis) => axis.type === "model");
  if (modelAxis < 0) return [];
  const groups = new Map<string, { place: PollPlace; columns: Array<SetPlace["columns"][number]> }>();
  planGrid(set.request, set.seed).cells.forEach((cell, index) => {
    const column = set.columns[index];
    if (!column) return;
    const key = cell.at.filter((_, axis) => axis !== modelAxis).join(",");
    const group = groups.get(key) ?? { place: placeOf(axes, cell.at), columns: [] };
    groups.set(key, { ...group, columns: [...group.columns, { column, index }] });
  });
  return [...groups.values()].map(({ place, columns }) => ({ prompt: columns[0]?.column.generation.request.prompt ?? set.request.prompt, place, columns }));
};

/** The item a place gives a poll, or null: fewer than two models with an image leave nothing to compare. */
const itemOf = ({ prompt, place, columns }: SetPlace): PollItem | null => {
  const candidates = columns
    .flatMap(({ column }): PollCandidate[] => {
      const image = column.generation.images[0];
      return image ? [{ generationId: column.generation.id, imageId: image.id, model: column.generation.request.model }] : [];
    })
    .filter((entry, index, all) => all.findIndex((other) => other.model === entry.model) === index);
  return candidates.length >= 2 ? { prompt, ...(place.length > 0 && { place }), candidates } : null;
};

export const pollItems = (set: ComparisonView): PollItem[] => setPlaces(set).flatMap((entry) => itemOf(entry) ?? []);

/**
 * What a poll of the set leaves out, so its maker is told before making it: each place with columns that have
 * no image (by their index in the set, to be named as the set's card names them, a blind one by its letter),
 * and whether the whole place goes (fewer than two images: nothing to compare). Counted by columns, as a
 * place's models are distinct and a blind comparison's page names no model to count by.
 */
export const pollLeftOut = (set: ComparisonView): LeftOut[] => {
  let items = 0;
  return setPlaces(set).flatMap((entry) => {
    const item = itemOf(entry) ? items++ : null;
    const missing = entry.columns.flatMap(({ column, index }) =>
      column.generation.images.length > 0 ? [] : [{ index, model: column.generation.request.model, status: column.generation.status }],
    );
    return missing.length > 0 ? [{ prompt: entry.prompt, place: entry.place, missing, whole: item === null, item }] : [];
  });
};

export type LeftOut = {
  readonly prompt: string;
  readonly place: PollPlace;
  readonly missing: ReadonlyArray<{ readonly index: number; readonly model: string; readonly status: GenerationStatus }>;
  readonly whole: boolean;
  /** The place's item among the set's own (`pollItems`), when it has one. */
  readonly item: number | null;
};

/**
 * What the poll keeps of `pollLeftOut` for its report: by model, the set's column order no longer meant, and
 * the item by its place in the poll, the set's first being `firstItem`.
 */
export const keptLeftOut = (set: ComparisonView, firstItem: number): PollLeftOut[] =>
  pollLeftOut(set).map(({ prompt, place, missing, whole, item }) => ({
    prompt,
    ...(place.length > 0 && { place }),
    ...(item !== null && { item: firstItem + item }),
    missing: missing.map(({ model, status }) => ({ model, status })),
    whole,
  }));

/** A cell's values on the axes a voter cannot tell from the item's prompt, the model's aside (what is voted on). */
const placeOf = (axes: GridRequest["axes"], at: readonly number[]): PollPlace =>
  axes.flatMap((axis, position) => {
    if (axis.type === "model" || axis.type === "variables" || axis.type === "replace") return [];
    const value = axis.values[at[position] ?? 0];
    return value === undefined ? [] : [{ axis: axis.type, value }];
  });
