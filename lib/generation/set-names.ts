import { cellNames, type AxisWords, type ValueWords } from "../grid/grid-plan";
import { format } from "../i18n/format";
import { isBatch, isGrid } from "./set-kind";
import type { ComparisonView } from "./view";

/** The words a set's columns are named with: a grid's axes and values, a batch's row ("Line {line}"). */
export type SetNameWords = AxisWords & { readonly values: ValueWords; readonly row: string };

/**
 * What each column of a set is called, in order: a grid's cell by where it sits ("Model: Wan 2.6 · Seed: 7"),
 * a batch's row by its line. Null for models compared: they are named by their model (or, blind, by letter).
 */
export const setColumnNames = (set: ComparisonView, words: SetNameWords): string[] | null => {
  if (isGrid(set)) return cellNames(set.request, set.seed, words, words.values);
  if (isBatch(set)) return set.request.rows.map((row) => format(words.row, { line: row.line }));
  return null;
};
