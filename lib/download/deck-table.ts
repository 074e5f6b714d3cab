import { fitLines, LINE_HEIGHT, lineCount, widestWord, widthOf } from "./text-fit";

/**
 * A deck's table laid out before it is drawn, as its writer's own paging cannot: that splits a tall row
 * across slides, the rest of it alone under no title. Here each column is at least as wide as its widest word,
 * and the rows go onto slides whole, as many as fit under the header; a cell too long for a slide of its own
 * is cut short (the notes and the CSV hold it whole).
 */

export type TableLayout = {
  readonly fontSize: number;
  /** In inches, as the writer takes them. */
  readonly widths: number[];
  /** The rows of each slide, under the header each repeats. */
  readonly pages: string[][][];
};

/** A cell's padding in inches, as the writer takes it: top, right, bottom, left. */
export const CELL_MARGIN: [number, number, number, number] = [0.04, 0.08, 0.04, 0.08];
const PADDING = { x: CELL_MARGIN[1] + CELL_MARGIN[3], y: CELL_MARGIN[0] + CELL_MARGIN[2] } as const;

/** In ems, past a column's widest word: a renderer that rounds, or makes a bold of its own, needs a little more than the word. */
const SLACK = 0.5;

/** A long value is given no more than a sentence's width: it wraps rather than starve the other columns. */
const WIDEST_WANTED = 30;

const inches = (ems: number, fontSize: number) => (ems * fontSize) / 72;

/**
 * Each column at least as wide as its widest word (a header's words whole, East Asian ones too: "种子" broken
 * reads as two words), the width left over shared by how much more each column's values want.
 */
const columnWidths = (columns: readonly string[], rows: ReadonlyArray<readonly string[]>, width: number, fontSize: number): number[] => {
  const values = (index: number) => rows.map((row) => row[index] ?? "");
  const least = columns.map((column, index) =>
    inches(Math.max(...column.split(/\s+/).map(widthOf), ...values(index).map(widestWord)) + SLACK, fontSize) + PADDING.x,
  );
  const wanted = columns.map((column, index) =>
    Math.max(least[index] ?? 0, inches(Math.max(widthOf(column), ...values(index).map((value) => Math.min(WIDEST_WANTED, widthOf(value)))), fontSize) + PADDING.x),
  );
  const leastTotal = least.reduce((sum, need) => sum + need, 0);
  // Too many columns for even their words: each gives up alike.
  if (leastTotal >= width) return least.map((need) => (need * width) / leastTotal);
  const more = wanted.map((want, index) => want - (least[index] ?? 0));
  const moreTotal = more.reduce((sum, need) => sum + need, 0);
  const share = moreTotal > 0 ? more.map((need) => need / moreTotal) : least.map((need) => need / leastTotal);
  return least.map((need, index) => need + (width - leastTotal) * (share[index] ?? 0));
};

/** `width` and `height`: the table's room on a slide, in inches. */
export const layTable = (
  { columns, rows }: { readonly columns: readonly string[]; readonly rows: ReadonlyArray<readonly string[]> },
  { width, height }: { readonly width: number; readonly height: number },
): TableLayout => {
  // A short table (a ranking, a few settings) is read from across a room; a long one runs on in small type.
  const fontSize = rows.length <= 10 ? 12 : 9;
  const widths = columnWidths(columns, rows, width, fontSize);
  const line = inches(LINE_HEIGHT, fontSize);
  const room = (index: number) => ((widths[index] ?? 0) - PADDING.x) * (72 / fontSize);
  const rowHeight = (row: readonly string[]) => Math.max(...row.map((value, index) => lineCount(value, room(index)))) * line + PADDING.y;
  const below = height - rowHeight(columns);
  // So that one row always fits under the header.
  const maxLines = Math.max(1, Math.floor((below - PADDING.y) / line));
  const pages: string[][][] = [];
  let used = Number.POSITIVE_INFINITY;
  for (const row of rows) {
    const fitted = row.map((value, index) => fitLines(value, room(index), maxLines).text);
    const tall = rowHeight(fitted);
    if (used + tall > below) {
      pages.push([]);
      used = 0;
    }
    pages.at(-1)?.push(fitted);
    used += tall;
  }
  return { fontSize, widths, pages: pages.length > 0 ? pages : [[]] };
};
