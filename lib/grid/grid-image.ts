import { readFileSync } from "node:fs";
import { join } from "node:path";
import opentype from "opentype.js";
import sharp from "sharp";

/**
 * A grid as one PNG: a title, then a table per value of the third axis with the first axis's labels across,
 * the second's down, and each cell's first image. Text is drawn as outlines from the font this repository
 * ships (lib/grid/fonts), never by the machine's fonts, so Chinese labels read the same on every server.
 */

export const GRID_IMAGE = { cell: 256, gap: 8, margin: 24, rowLabel: 200, header: 56, caption: 40, title: 64, fontSize: 18, titleSize: 24 } as const;

export type GridImageTable = {
  /** "Seed: 7", for a table of a third axis; null with fewer axes. */
  readonly caption: string | null;
  /** "Prompt variables \ Seed", over the row labels; null for a grid of one row. */
  readonly corner: string | null;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<{
    readonly label: string | null;
    /** Each cell's image (any format sharp reads), or the words for why it has none. */
    readonly cells: ReadonlyArray<{ readonly image: Buffer } | { readonly missing: string }>;
  }>;
};

export type GridImageInput = { readonly title: string; readonly tables: readonly GridImageTable[] };

let loaded: opentype.Font | null = null;
const font = (): opentype.Font => {
  loaded ??= opentype.parse(toArrayBuffer(readFileSync(join(process.cwd(), "lib/grid/fonts/NotoSansSC-Regular-subset.ttf"))));
  return loaded;
};
const toArrayBuffer = (bytes: Buffer): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** Characters of `text` the shipped font has no glyph for (drawn as an empty box). */
export const missingGlyphs = (text: string): string[] => [...new Set([...text].filter((char) => char.trim() !== "" && font().charToGlyph(char).index === 0))];

/** `text` cut to fit `width` at `size`, with an ellipsis when cut. */
const fitted = (text: string, size: number, width: number): string => {
  const line = text.replace(/\s+/g, " ").trim();
  if (font().getAdvanceWidth(line, size) <= width) return line;
  const chars = [...line];
  while (chars.length > 0 && font().getAdvanceWidth(`${chars.join("")}…`, size) > width) chars.pop();
  return `${chars.join("")}…`;
};

/** Up to `lines` lines of `text` within `width`, the last one cut with an ellipsis when it runs over. */
const wrapped = (text: string, size: number, width: number, lines: number): string[] => {
  const out: string[] = [];
  let rest = [...text.replace(/\s+/g, " ").trim()];
  while (rest.length > 0 && out.length < lines - 1) {
    let take = rest.length;
    while (take > 1 && font().getAdvanceWidth(rest.slice(0, take).join(""), size) > width) take--;
    // Break at a space where there is one in the line (CJK text breaks anywhere).
    const space = rest.slice(0, take).lastIndexOf(" ");
    if (take < rest.length && space > 0) take = space + 1;
    out.push(rest.slice(0, take).join("").trim());
    rest = rest.slice(take);
  }
  if (rest.length > 0) out.push(fitted(rest.join(""), size, width));
  return out;
};

const path = (text: string, x: number, y: number, size: number, fill: string) =>
  `<path fill="${fill}" d="${font().getPath(text, x, y, size).toPathData(1)}"/>`;

/** The PNG's size for an input: what the layout below fills, so a test can check it without decoding. */
export const gridImageSize = (input: GridImageInput): { width: number; height: number } => {
  const { cell, gap, margin, rowLabel, header, caption, title } = GRID_IMAGE;
  const tableWidth = (table: GridImageTable) => (table.corner === null ? 0 : rowLabel + gap) + table.columns.length * (cell + gap) - gap;
  const tableHeight = (table: GridImageTable) => (table.caption === null ? 0 : caption) + header + table.rows.length * (cell + gap) - gap;
  return {
    width: margin * 2 + Math.max(...input.tables.map(tableWidth)),
    height: margin * 2 + title + input.tables.reduce((sum, table) => sum + tableHeight(table) + margin, 0) - margin,
  };
};

export const renderGridImage = async (input: GridImageInput): Promise<Buffer> => {
  const { cell, gap, margin, rowLabel, header, caption, title, fontSize, titleSize } = GRID_IMAGE;
  const { width, height } = gridImageSize(input);
  const svg: string[] = [path(fitted(input.title, titleSize, width - margin * 2), margin, margin + titleSize + 8, titleSize, "#0f172a")];
  const images: Array<{ image: Buffer; left: number; top: number }> = [];
  let top = margin + title;
  for (const table of input.tables) {
    if (table.caption !== null) {
      svg.push(path(fitted(table.caption, fontSize + 2, width - margin * 2), margin, top + fontSize + 8, fontSize + 2, "#0f766e"));
      top += caption;
    }
    const left = margin + (table.corner === null ? 0 : rowLabel + gap);
    if (table.corner !== null) wrapped(table.corner, fontSize - 4, rowLabel, 2).forEach((line, index) => svg.push(path(line, margin, top + 20 + index * 18, fontSize - 4, "#64748b")));
    table.columns.forEach((label, column) => {
      wrapped(label, fontSize, cell, 2).forEach((line, index) => svg.push(path(line, left + column * (cell + gap), top + 20 + index * 24, fontSize, "#0f172a")));
    });
    top += header;
    for (const row of table.rows) {
      if (row.label !== null) wrapped(row.label, fontSize, rowLabel - gap, 6).forEach((line, index) => svg.push(path(line, margin, top + 22 + index * 24, fontSize, "#0f172a")));
      row.cells.forEach((entry, column) => {
        const x = left + column * (cell + gap);
        svg.push(`<rect x="${x - 0.5}" y="${top - 0.5}" width="${cell + 1}" height="${cell + 1}" fill="#f1f5f9" stroke="#cbd5e1"/>`);
        if ("image" in entry) images.push({ image: entry.image, left: x, top });
        else wrapped(entry.missing, fontSize - 2, cell - 24, 4).forEach((line, index) => svg.push(path(line, x + 12, top + cell / 2 + index * 22, fontSize - 2, "#b91c1c")));
      });
      top += cell + gap;
    }
    top += margin - gap;
  }
  const fittedImages = await Promise.all(
    images.map(async ({ image, left, top }) => ({ input: await sharp(image).resize(cell, cell, { fit: "contain", background: "#f1f5f9" }).png().toBuffer(), left, top })),
  );
  const composed = await sharp({ create: { width, height, channels: 3, background: "#ffffff" } })
    .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${svg.join("")}</svg>`), left: 0, top: 0 }, ...fittedImages])
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Compositing leaves an alpha channel that is opaque everywhere: an RGB file is smaller and reads the same.
  return sharp(composed.data, { raw: composed.info }).removeAlpha().png({ compressionLevel: 6 }).toBuffer();
};
