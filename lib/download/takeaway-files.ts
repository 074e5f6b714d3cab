import "server-only";
import { toCsv } from "../batch/csv";
import { BLIND_SIDE, blindFrame, blindImage } from "../compare/blind-image";
import { isHidden } from "../compare/column-label";
import { aspectValue } from "../compare/fit-to-model";
import { isModelComparison } from "../generation/set-kind";
import { requestSize } from "../generation/request-size";
import type { HistoryItem } from "../generation/view";
import { getHistory } from "../history";
import { clientItem } from "../history/client-view";
import { imageResponse } from "../http/image-response";
import { format, plural } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import { MESSAGES } from "../i18n/messages";
import { translateRuleMessage } from "../i18n/rule-messages";
import { downloadablePng } from "../jobs/downloadable-png";
import { nameModels } from "../models/name-models";
import { formatSize } from "../models/size-rules";
import { buildSlides } from "../present/slides";
import { renderContactSheet } from "./contact-sheet";
import { buildDeck, type DeckImage, type DeckPage } from "./deck";
import { DECK_MAX_IMAGES, deckFile, deckPicture, deckSubtitle } from "./deck-parts";
import { deckContents } from "./image-cap";
import { contentDisposition, fileResponse } from "./file-name";
import { resultLines, resultTable, zipImageName, type TakeawayEntry } from "./set-results";
import { zipLeftOut, zipRoom, zipStream, type ZipEntry } from "./zip-stream";

/** The files a set, a selection or the favourites are taken away as; each answered as a download. */

/**
 * Every image as its PNG download (prompt, revised prompt and settings embedded), with manifest.csv and
 * manifest.json naming each file (and README.txt saying what was left out), streamed: one image in memory at
 * a time, however many there are.
 */
export const zipResponse = async ({ entries, fileName, origin, note }: { entries: readonly TakeawayEntry[]; fileName: string; origin: string; note: string | null }): Promise<Response> => {
  const { store, images } = await getHistory();
  const room = zipRoom();
  // Images that could not go in, by file name: deleted while the zip was written, or past what a zip holds.
  const gone: string[] = [];
  const over: string[] = [];
  async function* files(): AsyncGenerator<ZipEntry> {
    for (const [position, { generation }] of entries.entries()) {
      for (const [index, image] of generation.images.entries()) {
        const name = zipImageName(position, generation, index);
        yield {
          name,
          bytes: async () => {
            const [record, bytes] = await Promise.all([store.image(image.id), images.read(image.id, "full")]);
            if (!record || !bytes) {
              gone.push(name);
              return null;
            }
            const png = (await downloadablePng(bytes, generation, record)).png;
            if (room.take(png.length)) return png;
            over.push(name);
            return null;
          },
        };
      }
    }
    const left = new Set([...gone, ...over]);
    const lines = resultLines(entries, origin).map((line) => (line.file !== null && left.has(String(line.file)) ? { ...line, file: null } : line));
    yield { name: "manifest.csv", bytes: async () => new TextEncoder().encode(toCsv(resultTable(lines))) };
    yield { name: "manifest.json", bytes: async () => new TextEncoder().encode(`${JSON.stringify(lines, null, 2)}\n`) };
    const said = [note, ...zipLeftOut(gone, over)].filter((part) => part !== null);
    if (said.length > 0) yield { name: "README.txt", bytes: async () => new TextEncoder().encode(`${said.join("\n\n")}\n`) };
  }
  return fileResponse(zipStream(files()), "application/zip", fileName);
};

/** The results as CSV: prompt, revised prompt, model, seed, size, status and a link per image. */
/** `note`: what was left out, as a last row of its own (a spreadsheet shows it; a script can skip its "note"). */
export const csvResponse = ({ entries, fileName, origin, note = null }: { entries: readonly TakeawayEntry[]; fileName: string; origin: string; note?: string | null }): Response =>
  fileResponse(toCsv([...resultTable(resultLines(entries, origin)), ...(note ? [["note", note]] : [])]), "text/csv; charset=utf-8", fileName);

/** Thumbnails a contact sheet holds: 100 rows of four, a picture of about 1,100*32,000 px. */
const CONTACT_SHEET_MAX = 400;

/** The images as thumbnails with captions on one printable PNG page. */
export const contactSheetResponse = async ({ title, entries, fileName, note }: { title: string; entries: readonly TakeawayEntry[]; fileName: string; note: string | null }): Promise<Response> => {
  const { images } = await getHistory();
  const all = entries.flatMap(({ name, generation }) => (generation.images.length > 0 ? generation.images : [null]).map((image) => ({ image, label: name, prompt: generation.request.prompt })));
  const cards = await Promise.all(all.slice(0, CONTACT_SHEET_MAX).map(async (card) => ({ ...card, image: card.image ? await images.read(card.image.id, "thumb") : null })));
  const leftOut = all.length - cards.length;
  const capped = leftOut > 0 ? `Only the first ${CONTACT_SHEET_MAX} images are here, ${leftOut} more left out: a contact sheet holds no more.` : null;
  const said = [note, capped].filter((part) => part !== null).join(" ") || null;
  return imageResponse(await renderContactSheet(title, cards, said), "image/png", { "content-disposition": contentDisposition(fileName), "cache-control": "no-store" });
};

/**
 * A slide deck of the items in the interface's language: an unrevealed blind comparison under its letters,
 * its pictures anonymous (as its owner's history shows them), everything else under its model's name.
 */
export const deckResponse = async ({
  title,
  items,
  fileName,
  locale,
  notes,
}: {
  title: string;
  items: readonly HistoryItem[];
  fileName: string;
  locale: Locale;
  /** What was left out, in the interface's language. */
  notes: readonly string[];
}): Promise<Response> => {
  const { images } = await getHistory();
  const messages = MESSAGES[locale];
  const words = messages.sets.slides;
  // The pictures of unrevealed blind comparisons, by image: shown cropped to the shape asked of every model.
  const hiddenAspects = new Map(
    items.flatMap((item) =>
      item.kind === "comparison" && isModelComparison(item) && isHidden(item)
        ? item.columns.flatMap(({ generation }) => generation.images.map((image) => [image.id, aspectValue(item.request.aspect)] as const))
        : [],
    ),
  );
  const shown = items.map(clientItem);
  const ruleText = (message: string) => nameModels(translateRuleMessage(message, messages.rules));
  const slideWords = { ...messages.present.slides, blindModel: messages.compare.blindModel, errorText: ruleText, axisNames: messages.grid.axisNames, values: messages.grid.values };
  const { slides, tabled, leftOut } = deckContents(shown, (item) => buildSlides([item], slideWords), DECK_MAX_IMAGES);
  const picture = async (image: { id: string }): Promise<DeckImage | null> => {
    const aspect = hiddenAspects.get(image.id);
    if (aspect === undefined) return deckPicture(images, image);
    const bytes = await images.read(image.id, "full");
    return bytes && { data: await blindImage(bytes, aspect, BLIND_SIDE.full), ...blindFrame(aspect, BLIND_SIDE.full) };
  };
  const onOff = (value: boolean) => (value ? words.on : words.off);
  const revised = (text: string) => (text === "" ? words.noRevised : text);
  const pages: DeckPage[] = [
    ...slides.map(
      (slide): DeckPage => ({
        kind: "pictures",
        heading: slide.prompt,
        panels: slide.panels.map((panel) => ({ label: panel.label, image: panel.image, missing: panel.missing, detail: { lead: `${words.revised}: `, text: revised(panel.revisedPrompt) } })),
        footer: null,
        notes: [`${words.prompt}: ${slide.prompt}`, ...slide.panels.map((panel) => `${panel.label} · ${words.revised}: ${revised(panel.revisedPrompt)}`)].join("\n\n"),
      }),
    ),
    { kind: "table", heading: words.settings, columns: words.columns, rows: settingsRows(tabled, { ...words, onOff, blindModel: messages.compare.blindModel }) },
  ];
  const said = [...notes, ...(leftOut > 0 ? [format(words.capped, { count: DECK_MAX_IMAGES, left: leftOut })] : [])].join(" ");
  return deckFile(await buildDeck({ title, locale, cover: [deckSubtitle(locale, pages.length + 1), ...(said ? [said] : [])], pages, image: picture }), fileName);
};

/** One line per generation shown: what it is called, its model (or letter), size, seed, images and options. */
const settingsRows = (
  items: readonly HistoryItem[],
  words: { hidden: string; blindModel: string; onOff: (value: boolean) => string },
): string[][] =>
  items.flatMap((item, index) => {
    const generations = item.kind === "generation" ? [item] : item.columns.map(({ generation }) => generation);
    const hidden = item.kind === "comparison" && isHidden(item);
    return generations.map((generation, column) => {
      const { request } = generation;
      const model = hidden ? format(words.blindModel, { letter: String.fromCharCode(65 + column) }) : nameModels(request.model);
      return [
        generations.length > 1 ? `${index + 1}.${column + 1}` : `${index + 1}`,
        model,
        hidden ? words.hidden : formatSize(requestSize(request)),
        String(generation.seed ?? request.seed ?? ""),
        String(generation.images.length),
        words.onOff(request.promptExtend),
        words.onOff(request.watermark),
      ];
    });
  });

/** What a deck says was left out, in the interface's language. */
export const deckNotes = (locale: Locale, { deleted, blind, more }: { deleted: number; blind: number; more: boolean }, limit: number): string[] => {
  const words = MESSAGES[locale].sets.slides;
  return [
    ...(deleted > 0 ? [plural(locale, words.deleted, deleted)] : []),
    ...(blind > 0 ? [plural(locale, words.blindColumns, blind)] : []),
    ...(more ? [format(words.more, { count: limit })] : []),
  ];
};
