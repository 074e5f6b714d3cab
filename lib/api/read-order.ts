import { isActive, type ComparisonView, type GenerationView, type HistoryItem } from "../generation/view";

/**
 * A read of a running item can leave before the live stream's news that it ended and answer after it. A
 * generation never runs again once it has ended (a column tried again is a new generation), so an ended copy
 * already held wins over a running one read: the card does not go back to running until the next read.
 */
export const laterGeneration = <View extends GenerationView>(held: View | undefined, read: View): View =>
  held !== undefined && held.id === read.id && !isActive(held.status) && isActive(read.status) ? held : read;

/** The same for each column of a comparison, matched by its generation. */
export const laterComparison = (held: ComparisonView | undefined, read: ComparisonView): ComparisonView => {
  if (!held) return read;
  const ended = new Map(held.columns.map((column) => [column.generation.id, column.generation]));
  return { ...read, columns: read.columns.map((column) => ({ ...column, generation: laterGeneration(ended.get(column.generation.id), column.generation) })) };
};

/**
 * An item as a change's answer gives it (a star, a cancel), over the copy held: the answer can leave before the
 * stream's news that the item ended and arrive after it, and then it keeps the end, taking only what it changed.
 */
export const laterItem = (held: HistoryItem | undefined, changed: HistoryItem): HistoryItem => {
  if (changed.kind === "generation") {
    const later = laterGeneration(held?.kind === "generation" ? held : undefined, changed);
    return later === changed ? changed : { ...later, starred: changed.starred };
  }
  return laterComparison(held?.kind === "comparison" ? held : undefined, changed);
};

/**
 * An item read that left before this tab's own change of it was answered (a star, a reveal, a cancel): the
 * read decides, as one that ended wins over one still running, but the star and the reveal are the change's.
 * A cancelled item whose answer came after all (too late to stop) shows its images.
 */
export const withOwnChange = (held: HistoryItem, read: HistoryItem): HistoryItem => {
  if (held.kind === "generation" && read.kind === "generation") return { ...laterGeneration(held, read), starred: held.starred };
  // Read before the reveal, its columns are the blind ones (every column under one model's name): the revealed
  // copy stands until a read after the reveal.
  if (held.kind === "comparison" && read.kind === "comparison") return held.revealed && !read.revealed ? held : { ...laterComparison(held, read), starred: held.starred, revealed: read.revealed };
  return read;
};
