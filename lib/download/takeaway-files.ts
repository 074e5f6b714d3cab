import "server-only";
import { toCsv } from "../batch/csv";
import { BLIND_SIDE, blindFrame, blindImage } from "../compare/blind-image";
import { isHidden } from "../compare/column-label";
import { aspectValue } from "../compare/fit-to-model";
import { isModelComparison } from "../generation/set-kind";
import { getHistory } from "../history";
import { imageResponse } from "../http/image-response";
import { format, plural } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import { MESSAGES } from "../i18n/messages";
import { downloadablePng } from "../jobs/downloadable-png";
import { asPng } from "../png/as-png";
import type { GenerationStore, ImageStore } from "../store/types";
import { contactCards } from "./contact-cards";
import { renderContactSheet } from "./contact-sheet";
import type { DeckImage } from "./deck";
import { historyDeckPages } from "./deck-pages";
import { DECK_MAX_IMAGES, deckDownload, deckPicture } from "./deck-parts";
import { contentDisposition, fileResponse } from "./file-name";
import type { NumberedItem } from "./numbered-item";
import { resultLines, resultTable, zipImageName, zipInputNames, type TakeawayEntry } from "./set-results";
import { logUnreadable } from "./unreadable";
import { zipLeftOut, zipRoom, zipStream, type ZipEntry } from "./zip-stream";

/** The files a set, a selection or the favourites are taken away as; each answered as a download. */

/**
 * Every image as its PNG download (prompt, revised prompt and settings embedded), an edit's input beside it,
 * with manifest.csv and manifest.json naming each file (and README.txt saying what was left out), streamed: one
 * image in memory at a time, however many there are.
 */
export const zipResponse = async ({ fileName, ...zip }: { entries: readonly TakeawayEntry[]; fileName: string; origin: string; note: string | null; locale: Locale }): Promise<Response> =>
  fileResponse(zipStream(zipFiles(zip, await getHistory())), "application/zip", fileName);

/**
 * The zip's files, in order: the images (an edit's input first, "images/001_input.png", then its results), then
 * the manifests and README.txt. An image that cannot go in is left
 * out and named in README.txt, the manifests listing no file for it: deleted while the zip is written, past
 * what a zip holds, or unreadable (a damaged file, a storage error: logged), which would otherwise end the
 * zip cut short, its first bytes long sent. README.txt is in the interface's language (`locale`).
 */
export async function* zipFiles(
  { entries, origin, note, locale }: { entries: readonly TakeawayEntry[]; origin: string; note: string | null; locale: Locale },
  { store, images }: { store: Pick<GenerationStore, "image">; images: Pick<ImageStore, "read"> },
): AsyncGenerator<ZipEntry> {
  const room = zipRoom();
  const left = { gone: [] as string[], unreadable: [] as string[], over: [] as string[] };
  /** The bytes as they go in: left out (and said why) when gone, unreadable or past what a zip holds. */
  const kept = async (name: string, id: string, read: () => Promise<Uint8Array | null>): Promise<Uint8Array | null> => {
    let bytes: Uint8Array | null;
    try {
      bytes = await read();
    } catch (error) {
      logUnreadable("zip", id, error);
      left.unreadable.push(name);
      return null;
    }
    if (!bytes) left.gone.push(name);
    else if (room.take(bytes.length)) return bytes;
    else left.over.push(name);
    return null;
  };
  const inputNames = zipInputNames(entries);
  const inputsIn = new Set<string>();
  for (const [position, entry] of entries.entries()) {
    const { generation } = entry;
    const inputName = inputNames[position];
    // An edit's input beside its results, so the zip holds what the edit started from (once, however many edits did).
    if (generation.input && inputName && !inputsIn.has(inputName)) {
      const { id } = generation.input;
      inputsIn.add(inputName);
      yield {
        name: inputName,
        bytes: () =>
          kept(inputName, id, async () => {
            const bytes = await images.read(id, "full");
            return bytes && asPng(bytes);
          }),
      };
    }
    for (const [index, image] of generation.images.entries()) {
      const name = zipImageName(position, entries.length, entry, index);
      yield {
        name,
        bytes: () =>
          kept(name, image.id, async () => {
            const [record, bytes] = await Promise.all([store.image(image.id), images.read(image.id, "full")]);
            return record && bytes && (await downloadablePng(bytes, generation, record)).png;
          }),
      };
    }
  }
  const out = new Set([...left.gone, ...left.unreadable, ...left.over]);
  const within = (file: string | number | null) => (file !== null && out.has(String(file)) ? null : file);
  const lines = resultLines(entries, origin).map((line) => ({ ...line, file: within(line.file), input_file: within(line.input_file) }));
  yield { name: "manifest.csv", bytes: async () => new TextEncoder().encode(toCsv(resultTable(lines))) };
  yield { name: "manifest.json", bytes: async () => new TextEncoder().encode(`${JSON.stringify(lines, null, 2)}\n`) };
  const said = [note, ...zipLeftOut(locale, left)].filter((part) => part !== null);
  if (said.length > 0) yield { name: "README.txt", bytes: async () => new TextEncoder().encode(`${said.join("\n\n")}\n`) };
}

/** The results as CSV: prompt, revised prompt, model, seed, size, status and a link per image. */
/** `note`: what was left out, as a last row of its own (a spreadsheet shows it; a script can skip its "note"). */
export const csvResponse = ({ entries, fileName, origin, note = null }: { entries: readonly TakeawayEntry[]; fileName: string; origin: string; note?: string | null }): Response =>
  fileResponse(toCsv([...resultTable(resultLines(entries, origin)), ...(note ? [["note", note]] : [])]), "text/csv; charset=utf-8", fileName);

/** Thumbnails a contact sheet holds: 100 rows of four, a picture of about 1,100*32,000 px. */
const CONTACT_SHEET_MAX = 400;

/**
 * What a contact sheet says under its title, in the interface's language, about images it could not show: `over`
 * past the most it holds, `unreadable` from storage.
 */
export const contactSheetLeftOut = (locale: Locale, { over, unreadable }: { over: number; unreadable: number }): string[] => {
  const words = MESSAGES[locale].sets.files;
  return [
    ...(over > 0 ? [format(words.sheetCapped, { count: CONTACT_SHEET_MAX, left: over })] : []),
    ...(unreadable > 0 ? [plural(locale, words.sheetUnread, unreadable)] : []),
  ];
};

/**
 * The images as thumbnails with captions on one printable PNG page; one that cannot be read (damaged, a storage
 * error) says so in its box and under the title, not the page unmade.
 */
export const contactSheetPng = async (
  { title, entries, note, locale }: { title: string; entries: readonly TakeawayEntry[]; note: string | null; locale: Locale },
  storage: { images: Pick<ImageStore, "read"> },
): Promise<Buffer> => {
  const { cards, over, unreadable } = await contactCards({ entries, locale, most: CONTACT_SHEET_MAX }, storage);
  const said = [note, ...contactSheetLeftOut(locale, { over, unreadable })].filter((part) => part !== null).join(" ") || null;
  return renderContactSheet(title, cards, said);
};

export const contactSheetResponse = async ({ fileName, ...sheet }: { title: string; entries: readonly TakeawayEntry[]; fileName: string; note: string | null; locale: Locale }): Promise<Response> =>
  imageResponse(await contactSheetPng(sheet, await getHistory()), "image/png", { "content-disposition": contentDisposition(fileName), "cache-control": "no-store" });

/**
 * A slide deck of the items in the interface's language: an unrevealed blind comparison under its letters,
 * its pictures anonymous (as its owner's history shows them), everything else under its model's name.
 */
export const deckResponse = async ({
  title,
  items,
  fileName,
  locale,
  timeZone,
  notes,
}: {
  title: string;
  items: readonly NumberedItem[];
  fileName: string;
  locale: Locale;
  timeZone: string | undefined;
  /** What was left out, in the interface's language. */
  notes: readonly string[];
}): Promise<Response> => {
  const { images } = await getHistory();
  // The pictures of unrevealed blind comparisons, by image: shown cropped to the shape asked of every model.
  const hiddenAspects = new Map(
    items.flatMap(({ item }) =>
      item.kind === "comparison" && isModelComparison(item) && isHidden(item)
        ? item.columns.flatMap(({ generation }) => generation.images.map((image) => [image.id, aspectValue(item.request.aspect)] as const))
        : [],
    ),
  );
  const picture = async (image: { id: string }): Promise<DeckImage | null> => {
    const aspect = hiddenAspects.get(image.id);
    if (aspect === undefined) return deckPicture(images, image);
    const bytes = await images.read(image.id, "full");
    return bytes && { data: await blindImage(bytes, aspect, BLIND_SIDE.full), ...blindFrame(aspect, BLIND_SIDE.full) };
  };
  const { pages, leftOut } = historyDeckPages(items, locale, DECK_MAX_IMAGES);
  const said = [...notes, ...(leftOut > 0 ? [format(MESSAGES[locale].sets.slides.capped, { count: DECK_MAX_IMAGES, left: leftOut })] : [])].join(" ");
  return deckDownload({ title, locale, timeZone, cover: said ? [said] : [], pages, image: picture }, fileName);
};
