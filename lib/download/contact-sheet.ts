import { composePng } from "../grid/grid-image";
import { fitted, path, wrapped } from "../grid/text-outline";

/**
 * A contact sheet: one printable page of thumbnails with their captions (what made each: a line, a cell, a
 * model; and its prompt), four across, for a quick review of a whole set on paper or a screen.
 */

export const CONTACT_SHEET = { columns: 4, thumb: 240, gap: 16, margin: 32, title: 56, caption: 64, fontSize: 14, titleSize: 22 } as const;

export type ContactEntry = { readonly image: Buffer | null; readonly label: string; readonly prompt: string };

export const contactSheetSize = (count: number): { width: number; height: number } => {
  const { columns, thumb, gap, margin, title, caption } = CONTACT_SHEET;
  const rows = Math.max(1, Math.ceil(count / columns));
  return { width: margin * 2 + columns * thumb + (columns - 1) * gap, height: margin * 2 + title + rows * (thumb + caption) + (rows - 1) * gap };
};

/** `note`: what was left out, one line under the title. */
export const renderContactSheet = async (title: string, entries: readonly ContactEntry[], note: string | null = null): Promise<Buffer> => {
  const { columns, thumb, gap, margin, title: titleHeight, caption, fontSize, titleSize } = CONTACT_SHEET;
  const size = contactSheetSize(entries.length);
  const svg = [path(fitted(title, titleSize, size.width - margin * 2), margin, margin + titleSize, titleSize, "#0f172a")];
  if (note) svg.push(path(fitted(note, fontSize - 2, size.width - margin * 2), margin, margin + titleSize + fontSize + 4, fontSize - 2, "#b45309"));
  const images: Array<{ image: Buffer; left: number; top: number }> = [];
  entries.forEach((entry, index) => {
    const left = margin + (index % columns) * (thumb + gap);
    const top = margin + titleHeight + Math.floor(index / columns) * (thumb + caption + gap);
    svg.push(`<rect x="${left - 0.5}" y="${top - 0.5}" width="${thumb + 1}" height="${thumb + 1}" fill="#f1f5f9" stroke="#cbd5e1"/>`);
    if (entry.image) images.push({ image: entry.image, left, top });
    svg.push(path(fitted(entry.label, fontSize, thumb), left, top + thumb + fontSize + 6, fontSize, "#0f172a"));
    wrapped(entry.prompt, fontSize - 2, thumb, 2).forEach((line, row) => svg.push(path(line, left, top + thumb + 2 * fontSize + 10 + row * (fontSize + 2), fontSize - 2, "#475569")));
  });
  return composePng(size, svg, images, thumb);
};
