import type { HistoryItem } from "../generation/view";

/**
 * An item taken away with its number: its place in what was chosen, kept when items before it are left out
 * (deleted since, or an image of an unrevealed blind comparison), so every file calls it what the selection did.
 */
export type NumberedItem = { readonly item: HistoryItem; readonly number: number };

/** Items numbered by their place, none left out before them (a set, the favourites, a poll's sets). */
export const numbered = (items: readonly HistoryItem[]): NumberedItem[] => items.map((item, index) => ({ item, number: index + 1 }));
