/**
 * CSV as RFC 4180 writes it (quoted fields, doubled quotes, CRLF or LF line ends), for batches read from a
 * spreadsheet and results written back to one.
 */

export class CsvError extends Error {
  constructor(readonly line: number, message: string) {
    super(`Line ${line}: ${message}`);
  }
}

export type CsvRow = { readonly line: number; readonly cells: readonly string[] };

/**
 * The rows of a CSV text, each with the line it starts on (a quoted field may span lines); blank lines are
 * left out. A byte-order mark is ignored, and so are spaces before a field's opening quote. An unclosed quote is
 * refused with the line it opened on.
 */
export const parseCsv = (text: string): CsvRow[] => {
  const rows: CsvRow[] = [];
  const source = text.startsWith("\ufeff") ? text.slice(1) : text;
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;
  let touched = false;
  const endRow = () => {
    cells.push(cell);
    if (touched || cells.length > 1 || cell !== "") rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
    touched = false;
  };
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") line++;
        cell += char;
      }
    } else if (char === '"' && cell.trim() === "") {
      // Spaces before the opening quote (`a, "b, c"`, as people type it) are not part of the field.
      cell = "";
      quoted = true;
      touched = true;
      quoteLine = line;
    } else if (char === ",") {
      cells.push(cell);
      cell = "";
      touched = true;
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && source[index + 1] === "\n") index++;
      endRow();
      line++;
      rowLine = line;
    } else cell += char;
  }
  if (quoted) throw new CsvError(quoteLine, "a quoted field is never closed (a \" is missing).");
  if (cell !== "" || cells.length > 0 || touched) endRow();
  return rows;
};

/** How a cell a spreadsheet may run as a formula starts: its sign (=, +, -, @), or a tab or CR it may skip to find one. */
const FORMULA_START = /[=+\-@\t\r]/.source;
const FORMULA = new RegExp(`^'*${FORMULA_START}`);
const GUARDED = new RegExp(`^'+${FORMULA_START}`);

/**
 * A cell as a spreadsheet may read it safely: quoted when it holds a comma, quote or line break, and with a
 * leading ' when it starts like a formula, which a spreadsheet would otherwise run.
 */
const cellText = (value: string, spreadsheet: boolean): string => {
  // A ' already before a formula's start gets one more, so `unguardCell` gives the text back as it was.
  const safe = (spreadsheet ? FORMULA : GUARDED).test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** A cell as it was written, without the ' that guarded a formula's start (put by `toCsv` or a spreadsheet). */
export const unguardCell = (text: string): string => (GUARDED.test(text) ? text.slice(1) : text);

/**
 * Rows as CSV text, CRLF-separated as RFC 4180 says. For a spreadsheet (the default), with a byte-order mark so
 * it reads UTF-8, and formulas guarded; otherwise the text as it is, for the app to read back.
 */
export const toCsv = (rows: ReadonlyArray<ReadonlyArray<string | number | null>>, { spreadsheet = true }: { spreadsheet?: boolean } = {}): string =>
  `${spreadsheet ? "\ufeff" : ""}${rows.map((row) => row.map((value) => cellText(value === null ? "" : String(value), spreadsheet)).join(",")).join("\r\n")}\r\n`;
