import type { ComparisonView, HistoryItem } from "../generation/view";
import type { PollItem } from "../polls/poll";
import { setPlaces } from "../polls/poll-items";

/**
 * An item taken away with its number: its place in what was chosen, kept when items before it are left out
 * (deleted since, or an image of an unrevealed blind comparison), so every file calls it what the selection did.
 */
export type NumberedItem = {
  readonly item: HistoryItem;
  readonly number: number;
  /** A poll's set, which may be several of its comparisons (a grid): each column's number, by its generation's id. */
  readonly columns?: ReadonlyMap<string, number>;
};

/** Items numbered by their place, none left out before them (a set, the favourites). */
export const numbered = (items: readonly HistoryItem[]): NumberedItem[] => items.map((item, index) => ({ item, number: index + 1 }));

/**
 * A poll's sets (those deleted since left out) numbered as the poll numbers its comparisons on its Results page
 * and deck: by their place among all of them, so a deleted set's keep theirs. A grid is several, each of its
 * columns numbered by the comparison its place is (a cell that made no image too); a place that made too few
 * images to be one of them takes the set's first number. A set none of whose columns the poll shows (it
 * changed between the reads that found it) is numbered past the poll's comparisons, in order, so no number
 * names two things.
 */
export const pollNumbered = (sets: readonly ComparisonView[], items: readonly PollItem[]): NumberedItem[] => {
  const shown = new Map<string, number>();
  items.forEach((item, index) => item.candidates.forEach(({ generationId }) => shown.set(generationId, Math.min(shown.get(generationId) ?? Infinity, index + 1))));
  let past = items.length;
  return sets.map((set) => {
    const places = columnPlaces(set);
    const byPlace = new Map<string, number>();
    set.columns.forEach(({ generation }, index) => {
      const number = shown.get(generation.id);
      const place = places[index] ?? "";
      if (number !== undefined) byPlace.set(place, Math.min(byPlace.get(place) ?? Infinity, number));
    });
    const first = byPlace.size > 0 ? Math.min(...byPlace.values()) : ++past;
    const columns = new Map(set.columns.map(({ generation }, index) => [generation.id, byPlace.get(places[index] ?? "") ?? first]));
    return { item: set, number: first, columns };
  });
};

/** Which of a poll's comparisons each column of a set goes with, as the poll's items were made: a grid's cells that differ only by model are one. */
const columnPlaces = (set: ComparisonView): string[] => {
  const places = set.columns.map(() => "");
  setPlaces(set).forEach(({ columns }, place) => columns.forEach(({ index }) => (places[index] = String(place))));
  return places;
};
