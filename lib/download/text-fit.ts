/**
 * How many lines a caption takes at a width, estimated before the deck is drawn (its writer cannot measure
 * text): so that a name's box is as tall as the name, and what is under it starts below it rather than under
 * its overflow.
 */

export const EAST_ASIAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303F\uFF00-\uFFEF]/u;

/** A character's width in ems: an East Asian one square, any other taken as wide as bold Arial's widest run of letters. */
const charWidth = (char: string) => (EAST_ASIAN.test(char) ? 1 : 0.62);
const widthOf = (text: string) => [...text].reduce((sum, char) => sum + charWidth(char), 0);

/** The text's words (East Asian text breaks between any two characters) and the spaces between them. */
const pieces = (text: string): string[] =>
  [...text].reduce<string[]>((all, char) => {
    const last = all.at(-1);
    const joins = last !== undefined && !EAST_ASIAN.test(char) && !EAST_ASIAN.test(last) && /\s/.test(char) === /\s/.test(last);
    return joins ? [...all.slice(0, -1), last + char] : [...all, char];
  }, []);

/** The text's lines at `width` ems, broken between words as a text box breaks them (a word wider than a line between its characters). */
const wrapLines = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = "";
  const place = (piece: string) => {
    if (line !== "" && widthOf(line + piece) > width) {
      lines.push(line.trimEnd());
      line = "";
    }
    if (line === "" && /^\s+$/.test(piece)) return;
    if (widthOf(piece) <= width) line += piece;
    else for (const char of piece) place(char);
  };
  for (const piece of pieces(text)) place(piece);
  if (line !== "") lines.push(line.trimEnd());
  return lines;
};

/**
 * The text as it fits in at most `maxLines` lines of `width` ems (cut short with "…" past them: a deck's notes
 * hold every name whole), and how many lines that is.
 */
export const fitLines = (text: string, width: number, maxLines: number): { text: string; lines: number } => {
  const lines = wrapLines(text, width).length;
  if (lines <= maxLines) return { text, lines: Math.max(1, lines) };
  const chars = [...text];
  const cut = (kept: number) => `${chars.slice(0, kept).join("").trimEnd()}…`;
  let kept = chars.length - 1;
  while (kept > 0 && wrapLines(cut(kept), width).length > maxLines) kept -= 1;
  return { text: cut(kept), lines: maxLines };
};
