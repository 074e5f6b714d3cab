import { columnLabel, columnLetter } from "../compare/column-label";
import { setColumnNames, type SetNameWords } from "../generation/set-names";
import type { ComparisonView, GenerationView } from "../generation/view";
import type { Locale } from "../i18n/locale";
import { MESSAGES } from "../i18n/messages";
import { formatSize } from "../models/size-rules";
import { askedSettings } from "./asked-settings";
import { downloadFileName } from "./file-name";
import { RESULT_COLUMNS } from "./result-columns";

/**
 * A set's results as a table (a batch's rows, a grid's cells, a comparison's columns): one line per image,
 * and one for each generation that made none, saying why. The CSV download writes it; the zip holds it as
 * manifest.csv and manifest.json beside the images it names.
 */

/** The words a set's columns are named with: a grid's axes and values, a batch's row, a blind column's label. */
export type ItemWords = SetNameWords & { readonly blindModel: string };

/** A contact sheet's captions, read by a person: in the interface's language, as the history's lightbox names the pictures. */
export const captionWords = (locale: Locale): ItemWords => {
  const { grid, batch, compare } = MESSAGES[locale];
  return { axisNames: grid.axisNames, axisValue: grid.axisValue, values: grid.values, row: batch.card.row, blindModel: compare.blindModel };
};

/** The names a CSV and a zip's manifests give: in English whatever the interface's language, as a file outlives it. */
export const FILE_WORDS: ItemWords = { ...captionWords("en"), row: "line {line}" };

/**
 * What each column of the set is called: a batch's line, a grid's cell, a comparison's model as its card
 * heads the column (a blind one's since its reveal "B · Qwen-Image Plus").
 */
const itemNames = (set: ComparisonView, words: ItemWords): string[] => setColumnNames(set, words) ?? set.columns.map((_, index) => columnLabel(set, index, words.blindModel));

/**
 * The name an image has in the zip: its place first (a take-away's item number, else its place among the
 * `count` generations, padded as wide as the last one's, 3 digits at least, as the names always had), so names
 * sort in order and never collide; then a blind comparison's column letter (a plain A to Z, safe in any file
 * system); then its single download's name.
 */
export const zipImageName = (position: number, count: number, entry: TakeawayEntry, index: number): string => {
  const { generation, letter } = entry;
  return `images/${placeOf(entry, position, count)}_${letter ? `${letter}_` : ""}${downloadFileName({ model: generation.request.model, seed: generation.seed ?? 0, prompt: generation.request.prompt, index, count: generation.images.length })}`;
};

const placeOf = (entry: TakeawayEntry | undefined, position: number, count: number) => entry?.place ?? String(position + 1).padStart(Math.max(3, String(count).length), "0");

/**
 * The file each entry's input has in the zip, beside its results as a PNG ("images/001_input.png"), or null for
 * an entry that is no edit. An input several edits started from is there once, under the first one's number.
 */
export const zipInputNames = (entries: readonly TakeawayEntry[]): Array<string | null> => {
  const first = new Map<string, number>();
  return entries.map(({ generation: { input } }, position) => {
    if (!input) return null;
    const owner = first.get(input.id) ?? position;
    first.set(input.id, owner);
    return `images/${placeOf(entries[owner], owner, entries.length)}_input.png`;
  });
};

export type ResultLine = Readonly<Record<(typeof RESULT_COLUMNS)[number], string | number | null>>;

/**
 * One generation to take away, under the name it has there (a batch's line, a grid's cell, a model); `letter`:
 * a blind comparison's column letter, which its images' file names keep; `place`: what its file names start
 * with in a take-away of several items (its item's number, a set's column after it: "002.1").
 */
export type TakeawayEntry = { readonly name: string; readonly generation: GenerationView; readonly letter?: string | null; readonly place?: string };

/** A set's generations in its order, each under its column's name in `words`. */
export const setEntries = (set: ComparisonView, words: ItemWords = FILE_WORDS): TakeawayEntry[] => {
  const names = itemNames(set, words);
  return set.columns.map(({ generation }, position) => ({ name: names[position] ?? String(position + 1), generation, letter: columnLetter(set, position) }));
};

/** `origin`: the address the links start with (the page's own), so a link works from the file. */
export const resultLines = (entries: readonly TakeawayEntry[], origin: string): ResultLine[] => {
  const inputNames = zipInputNames(entries);
  return entries.flatMap((entry, position): ResultLine[] => {
    const { name, generation } = entry;
    const { request, input } = generation;
    const shared = {
      item: name,
      prompt: request.prompt,
      negative_prompt: request.negativePrompt,
      model: request.model,
      seed: generation.seed,
      // What else the gateway was asked, as the single download's PNG metadata writes it.
      settings: JSON.stringify(askedSettings(request)),
      created: new Date(generation.createdAt).toISOString(),
      request_id: generation.requestId,
      status: generation.status,
      error: generation.error?.message ?? null,
      input_file: inputNames[position] ?? null,
      input_url: input && `${origin}${input.src}`,
    };
    if (generation.images.length === 0) return [{ ...shared, revised_prompt: null, size: null, file: null, image_url: null }];
    return generation.images.map((image, index) => ({
      ...shared,
      revised_prompt: image.revisedPrompt,
      size: formatSize(image),
      file: zipImageName(position, entries.length, entry, index),
      image_url: `${origin}${image.downloadSrc}`,
    }));
  });
};

export const resultTable = (lines: readonly ResultLine[]): Array<Array<string | number | null>> => [[...RESULT_COLUMNS], ...lines.map((line) => RESULT_COLUMNS.map((column) => line[column]))];
