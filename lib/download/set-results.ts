import { cellNames } from "../grid/grid-plan";
import { isBatch, isGrid } from "../generation/set-kind";
import type { ComparisonView, GenerationView } from "../generation/view";
import { formatSize } from "../models/size-rules";
import { downloadFileName } from "./file-name";

/**
 * A set's results as a table (a batch's rows, a grid's cells, a comparison's columns): one line per image,
 * and one for each generation that made none, saying why. The CSV download writes it; the zip holds it
 * beside the images it names.
 */

export const RESULT_COLUMNS = ["item", "prompt", "negative_prompt", "revised_prompt", "model", "size", "seed", "status", "error", "file", "image_url"] as const;

/** The English names a CSV uses for a grid's axes: a file outlives the interface's language. */
const AXIS_NAMES = { model: "Model", seed: "Seed", replace: "Search and replace", variables: "Prompt variables", aspect: "Aspect ratio", promptExtend: "Prompt rewriting", negative: "Negative prompt" } as const;

/** What each column of the set is called: a batch's line, a grid's cell, a comparison's model. */
const itemNames = (set: ComparisonView): string[] => {
  if (isBatch(set)) return set.request.rows.map((row) => `line ${row.line}`);
  if (isGrid(set)) return cellNames(set.request, set.seed, AXIS_NAMES);
  return set.columns.map((column) => column.generation.request.model);
};

/** The name an image has in the zip: its place in the set first, so names sort in the set's order and never collide. */
export const zipImageName = (position: number, generation: GenerationView, index: number): string =>
  `images/${String(position + 1).padStart(3, "0")}_${downloadFileName({ model: generation.request.model, seed: generation.seed ?? 0, prompt: generation.request.prompt, index, count: generation.images.length })}`;

export type ResultLine = Readonly<Record<(typeof RESULT_COLUMNS)[number], string | number | null>>;

/** `origin`: the address the links start with (the page's own), so a link works from the file. */
export const resultLines = (set: ComparisonView, origin: string): ResultLine[] => {
  const names = itemNames(set);
  return set.columns.flatMap(({ generation }, position): ResultLine[] => {
    const shared = {
      item: names[position] ?? String(position + 1),
      prompt: generation.request.prompt,
      negative_prompt: generation.request.negativePrompt,
      model: generation.request.model,
      seed: generation.seed,
      status: generation.status,
      error: generation.error?.message ?? null,
    };
    if (generation.images.length === 0) return [{ ...shared, revised_prompt: null, size: null, file: null, image_url: null }];
    return generation.images.map((image, index) => ({
      ...shared,
      revised_prompt: image.revisedPrompt,
      size: formatSize(image),
      file: zipImageName(position, generation, index),
      image_url: `${origin}${image.downloadSrc}`,
    }));
  });
};

export const resultTable = (lines: readonly ResultLine[]): Array<Array<string | number | null>> => [[...RESULT_COLUMNS], ...lines.map((line) => RESULT_COLUMNS.map((column) => line[column]))];
