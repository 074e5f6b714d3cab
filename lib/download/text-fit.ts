/**
 * How wide a text is and how many lines it takes at a width, estimated before the deck is drawn (its writer
 * cannot measure text): so that a name's box is as tall as the name and what is under it starts below it, a
 * heading is cut short before it runs into the pictures, and a table's column is never narrower than its words.
 */

/** A line's height in ems: a CJK face's (Microsoft YaHei's, about 1.3) is the tallest a deck's text is set in, with a little to spare. */
export const LINE_HEIGHT = 1.35;

export const EAST_ASIAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303F\uFF00-\uFFEF]/u;

/**
 * A character's width in ems, bold, never under what a reader sees: an East Asian one square; Latin as the
 * wider of Arial and DejaVu Sans (a reader without Arial, LibreOffice on Linux, gets DejaVu, a tenth wider),
 * by kind: the narrow letters and stops, the half-narrow, the widest, capitals, and the rest.
 */
const charWidth = (char: string) => {
  if (EAST_ASIAN.test(char)) return 1;
  if (/[\sijlIJ.,:;'!|]/.test(char)) return 0.4;
  if (/[frt()[\]\-/*"]/.test(char)) return 0.5;
  if (/[MWmw@%]/.test(char)) return 1.05;
  return /[A-Z]/.test(char) ? 0.85 : 0.72;
};
/** The text's width in ems, on one line. */
export const widthOf = (text: string): number => [...text].reduce((sum, char) => sum + charWidth(char), 0);

/** A word, a run of spaces, or an East Asian character (East Asian text breaks between any two characters). */
const PIECE = new RegExp(`\\s+|${EAST_ASIAN.source}|(?:(?!${EAST_ASIAN.source})\\S)+`, "gu");
const pieces = (text: string): string[] => text.match(PIECE) ?? [];
const isSpace = (piece: string) => /^\s/.test(piece);

/** A paragraph's lines at `width` ems, broken between words as a text box breaks them (a word wider than a line between its characters). */
const wrapParagraph = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = "";
  let used = 0;
  const place = (piece: string) => {
    const wide = widthOf(piece);
    if (line !== "" && used + wide > width) {
      lines.push(line.trimEnd());
      line = "";
      used = 0;
    }
    if (line === "" && isSpace(piece)) return;
    if (wide <= width) {
      line += piece;
      used += wide;
    } else for (const char of piece) place(char);
  };
  for (const piece of pieces(text)) place(piece);
  if (line !== "") lines.push(line.trimEnd());
  return lines;
};

/** The text's lines at `width` ems: each of its own lines (an empty one too) wrapped. */
const wrapLines = (text: string, width: number): string[] => text.split(/\r\n|\r|\n/).flatMap((paragraph) => {
  const lines = wrapParagraph(paragraph, width);
  return lines.length > 0 ? lines : [""];
});

/** The width in ems of the text's widest word: a box narrower than that breaks the word between its letters. */
export const widestWord = (text: string): number => Math.max(0, ...pieces(text).filter((piece) => !isSpace(piece)).map(widthOf));

/** How many lines the text takes at `width` ems (an empty text its one). */
export const lineCount = (text: string, width: number): number => wrapLines(text, width).length;

/**
 * The text as it fits in at most `maxLines` lines of `width` ems (cut short with "…" past them: a deck's notes
 * hold every name whole), and how many lines that is.
 */
export const fitLines = (text: string, width: number, maxLines: number): { text: string; lines: number } => {
  const lines = lineCount(text, width);
  if (lines <= maxLines) return { text, lines };
  const chars = [...text];
  const cut = (kept: number) => `${chars.slice(0, kept).join("").trimEnd()}…`;
  // The most characters that still fit, found by halves: a cell's text may run to thousands.
  let [fits, over] = [0, chars.length];
  while (over - fits > 1) {
    const kept = Math.floor((fits + over) / 2);
    if (lineCount(cut(kept), width) <= maxLines) fits = kept;
    else over = kept;
  }
  return { text: cut(fits), lines: maxLines };
};
