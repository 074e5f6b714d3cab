import sharp from "sharp";
import { fitted, path, wrapped } from "./text-outline";

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
    readonly cells: readonly BoxPicture[];
  }>;
};

/** A picture's pixels fitted to its box (boxedImage), as sharp reads raw ones. */
export type BoxedImage = { readonly data: Buffer; readonly info: { readonly width: number; readonly height: number; readonly channels: 3 } };

/** A box of a picture made of many (a grid's cell, a contact sheet's thumbnail): its image, or the words for why it has none. */
export type BoxPicture = { readonly image: BoxedImage } | { readonly missing: string };

/** A box's own colour, under a picture of another shape and where it is transparent. */
const BOX_FILL = "#f1f5f9";

export type GridImageInput = { readonly title: string; readonly tables: readonly GridImageTable[] };

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
  const images: Array<{ image: BoxedImage; left: number; top: number }> = [];
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
        svg.push(`<rect x="${x - 0.5}" y="${top - 0.5}" width="${cell + 1}" height="${cell + 1}" fill="${BOX_FILL}" stroke="#cbd5e1"/>`);
        if ("image" in entry) images.push({ image: entry.image, left: x, top });
        else wrapped(entry.missing, fontSize - 2, cell - 24, 4).forEach((line, index) => svg.push(path(line, x + 12, top + cell / 2 + index * 22, fontSize - 2, "#b91c1c")));
      });
      top += cell + gap;
    }
    top += margin - gap;
  }
  return composePng({ width, height }, svg, images);
};

/**
 * An image (any format sharp reads) decoded whole and fitted into a square box of `box` pixels, on the box's
 * colour: what a page of many holds of it, small, until the page is composed. One that does not decode throws
 * here, a file cut short on disk too (its header alone would read), so its place can say so before the page's
 * text is drawn.
 */
export const boxedImage = async (bytes: Buffer, box: number): Promise<BoxedImage> => {
  const { data, info } = await sharp(bytes)
    .flatten({ background: BOX_FILL })
    .resize(box, box, { fit: "contain", background: BOX_FILL })
    .toColourspace("srgb")
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, info: { width: info.width, height: info.height, channels: 3 } };
};

/** A white page of `size` with `svg` drawn on it (text outlines, frames) and each boxed image at its place: one RGB PNG. */
export const composePng = async (
  size: { readonly width: number; readonly height: number },
  svg: readonly string[],
  images: ReadonlyArray<{ readonly image: BoxedImage; readonly left: number; readonly top: number }>,
): Promise<Buffer> => {
  const { width, height } = size;
  const composed = await sharp({ create: { width, height, channels: 3, background: "#ffffff" } })
    .composite([
      { input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${svg.join("")}</svg>`), left: 0, top: 0 },
      ...images.map(({ image, left, top }) => ({ input: image.data, raw: image.info, left, top })),
    ])
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Compositing leaves an alpha channel that is opaque everywhere: an RGB file is smaller and reads the same.
  return sharp(composed.data, { raw: composed.info }).removeAlpha().png({ compressionLevel: 6 }).toBuffer();
};
