import { composePng, type BoxedImage, type BoxPicture } from "../grid/grid-image";
import { fitted, path, wrapped } from "../grid/text-outline";

/**
 * A contact sheet: one printable page of thumbnails with their captions (what made each: a line, a cell, a
 * model; and its prompt), four across, for a quick review of a whole set on paper or a screen.
 */

/** `caption`: the band under a thumbnail with a name of one line; each further line of a name (at most `mostNameLines`) adds `nameLine`. */
export const CONTACT_SHEET = { columns: 4, thumb: 240, gap: 16, margin: 32, title: 56, caption: 64, nameLine: 18, mostNameLines: 4, fontSize: 14, titleSize: 22 } as const;

/** A box's thumbnail (fitted to CONTACT_SHEET.thumb), or the words for why it has none (its generation failed, its image is gone or unreadable). */
export type ContactEntry = BoxPicture & { readonly label: string; readonly prompt: string };

/** `lines`: the most lines any caption's name takes on the sheet; every band is made that tall. */
export const contactSheetSize = (count: number, lines = 1): { width: number; height: number } => {
  const { columns, thumb, gap, margin, title, caption, nameLine } = CONTACT_SHEET;
  const rows = Math.max(1, Math.ceil(count / columns));
  return { width: margin * 2 + columns * thumb + (columns - 1) * gap, height: margin * 2 + title + rows * (thumb + caption + (lines - 1) * nameLine) + (rows - 1) * gap };
};

const SEPARATOR = " · ";

/**
 * A caption's name in lines of a thumbnail's width, broken between its parts ("3 · Model: Wan 2.6 · Seed: 7")
 * where they fit whole, and not cut short: any part may be what tells one of an item's cells from the others.
 * A name past `mostNameLines` (a long search-and-replace value) loses its middle, keeping the number and its end.
 */
export const nameLines = (label: string): string[] => {
  const { fontSize, thumb, mostNameLines: most } = CONTACT_SHEET;
  const fits = (line: string) => fitted(line, fontSize, thumb) === line;
  const lines = label
    .replace(/\s+/g, " ")
    .trim()
    .split(SEPARATOR)
    .reduce<string[]>((done, part) => {
      const last = done.at(-1);
      const joined = `${last}${SEPARATOR}${part}`;
      return last !== undefined && fits(joined) ? [...done.slice(0, -1), joined] : [...done, ...wrapped(part, fontSize, thumb, Infinity)];
    }, []);
  if (lines.length <= most) return lines;
  const head = lines.slice(0, most / 2);
  const tail = lines.slice(-most / 2);
  return [...head.slice(0, -1), fitted(`${head.at(-1)} …`, fontSize, thumb), ...tail];
};

/** `note`: what was left out, one line under the title. */
export const renderContactSheet = async (title: string, entries: readonly ContactEntry[], note: string | null = null): Promise<Buffer> => {
  const { columns, thumb, gap, margin, title: titleHeight, caption, nameLine, fontSize, titleSize } = CONTACT_SHEET;
  const names = entries.map((entry) => nameLines(entry.label));
  const tallest = Math.max(1, ...names.map((lines) => lines.length));
  const size = contactSheetSize(entries.length, tallest);
  const svg = [path(fitted(title, titleSize, size.width - margin * 2), margin, margin + titleSize, titleSize, "#0f172a")];
  if (note) svg.push(path(fitted(note, fontSize - 2, size.width - margin * 2), margin, margin + titleSize + fontSize + 4, fontSize - 2, "#b45309"));
  const images: Array<{ image: BoxedImage; left: number; top: number }> = [];
  entries.forEach((entry, index) => {
    const left = margin + (index % columns) * (thumb + gap);
    const top = margin + titleHeight + Math.floor(index / columns) * (thumb + caption + (tallest - 1) * nameLine + gap);
    svg.push(`<rect x="${left - 0.5}" y="${top - 0.5}" width="${thumb + 1}" height="${thumb + 1}" fill="#f1f5f9" stroke="#cbd5e1"/>`);
    // As the grid's picture says it in a cell without an image.
    if ("image" in entry) images.push({ image: entry.image, left, top });
    else wrapped(entry.missing, fontSize, thumb - 24, 4).forEach((line, row) => svg.push(path(line, left + 12, top + thumb / 2 + row * (fontSize + 4), fontSize, "#b91c1c")));
    const name = names[index] ?? [];
    name.forEach((line, row) => svg.push(path(line, left, top + thumb + fontSize + 6 + row * nameLine, fontSize, "#0f172a")));
    const promptTop = top + thumb + 2 * fontSize + 10 + (name.length - 1) * nameLine;
    wrapped(entry.prompt, fontSize - 2, thumb, 2).forEach((line, row) => svg.push(path(line, left, promptTop + row * (fontSize + 2), fontSize - 2, "#475569")));
  });
  return composePng(size, svg, images);
};
