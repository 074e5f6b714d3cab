import { readFileSync } from "node:fs";
import { join } from "node:path";
import opentype from "opentype.js";

/**
 * Text for the images the playground draws (a grid's PNG, a contact sheet): laid out and drawn as SVG outlines
 * from the font this repository ships (lib/grid/fonts), never by the machine's fonts, so Chinese reads the
 * same on every server.
 */

let loaded: opentype.Font | null = null;
const font = (): opentype.Font => {
  loaded ??= opentype.parse(toArrayBuffer(readFileSync(join(process.cwd(), "lib/grid/fonts/NotoSansSC-Regular-subset.ttf"))));
  return loaded;
};
const toArrayBuffer = (bytes: Buffer): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** Characters of `text` the shipped font has no glyph for (drawn as an empty box). */
export const missingGlyphs = (text: string): string[] => [...new Set([...text].filter((char) => char.trim() !== "" && font().charToGlyph(char).index === 0))];

/**
 * The most of `chars` (at least `least`) whose width, with `suffix` after them, fits `width`: found by halving,
 * so a long prompt takes a few measurements per line rather than one per character it is too long by (each
 * measurement is synchronous work over the whole line, and a batch's contact sheet measures hundreds).
 */
const longestFitting = (chars: readonly string[], size: number, width: number, suffix: string, least: number): number => {
  let low = least;
  let high = chars.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (font().getAdvanceWidth(chars.slice(0, middle).join("") + suffix, size) <= width) low = middle;
    else high = middle - 1;
  }
  return low;
};

/** `text` cut to fit `width` at `size`, with an ellipsis when cut. */
export const fitted = (text: string, size: number, width: number): string => {
  const line = text.replace(/\s+/g, " ").trim();
  if (font().getAdvanceWidth(line, size) <= width) return line;
  const chars = [...line];
  return `${chars.slice(0, longestFitting(chars, size, width, "…", 0)).join("")}…`;
};

/** Up to `lines` lines of `text` within `width`, the last one cut with an ellipsis when it runs over. */
export const wrapped = (text: string, size: number, width: number, lines: number): string[] => {
  const out: string[] = [];
  let rest = [...text.replace(/\s+/g, " ").trim()];
  while (rest.length > 0 && out.length < lines - 1) {
    let take = longestFitting(rest, size, width, "", 1);
    // Break at a space where there is one in the line (CJK text breaks anywhere).
    const space = rest.slice(0, take).lastIndexOf(" ");
    if (take < rest.length && space > 0) take = space + 1;
    out.push(rest.slice(0, take).join("").trim());
    rest = rest.slice(take);
  }
  if (rest.length > 0) out.push(fitted(rest.join(""), size, width));
  return out;
};

export const path = (text: string, x: number, y: number, size: number, fill: string) =>
  `<path fill="${fill}" d="${font().getPath(text, x, y, size).toPathData(1)}"/>`;
