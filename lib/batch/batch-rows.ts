import { aspectValue, type CompareAspect } from "../compare/fit-to-model";
import { nearestSize } from "../compare/nearest-size";
import { findModel, MODELS, type ModelId } from "../models/registry";
import type { GenerateRequest } from "../models/request-schema";
import { formatSize, parseSize } from "../models/size-rules";
import type { RESULT_COLUMNS, ResultSettings } from "../download/result-columns";
import { CsvError, parseCsv, toCsv, unguardCell } from "./csv";
import { ownEntry } from "../text/own-entry";

/**
 * A batch's rows from what was pasted or uploaded: prompts one per line, or a CSV with a header naming its
 * columns. What a row leaves out comes from the form's defaults. Each row keeps the line it came from, so a
 * refusal can say where; a row that cannot even be read (a seed that is not a number) says so here, and the
 * shared rules check the rest (lib/batch/batch-request.ts).
 */

export const BATCH_LIMITS = { rows: 100 } as const;

/** The columns a batch's CSV may have, in the order the results' CSV writes them. */
export const BATCH_COLUMNS = ["prompt", "negative_prompt", "model", "size", "seed", "n"] as const;
type Column = (typeof BATCH_COLUMNS)[number];

/** Header spellings people use for the same column. */
const ALIASES: Readonly<Record<string, Column>> = {
  prompt: "prompt",
  negative_prompt: "negative_prompt",
  "negative prompt": "negative_prompt",
  negativeprompt: "negative_prompt",
  negative: "negative_prompt",
  model: "model",
  size: "size",
  seed: "seed",
  n: "n",
  images: "n",
};

export type BatchDefaults = {
  readonly model: ModelId;
  readonly aspect: CompareAspect;
  readonly n: number;
  readonly seed: number | null;
  readonly promptExtend: boolean;
  readonly watermark: boolean;
};

/** A row as read: its request (perhaps one the rules refuse), or why it could not be read at all. */
export type DraftRow = { readonly line: number; readonly request: GenerateRequest; readonly unreadable: string | null };

export type BatchSource = "lines" | "csv";

/** A request with the defaults: the model's nearest size to the default aspect, unless the row gives one. */
const requestFor = (defaults: BatchDefaults, model: ModelId, patch: Partial<GenerateRequest>): GenerateRequest => {
  const spec = findModel(model) ?? MODELS[0];
  return {
    model,
    prompt: "",
    negativePrompt: "",
    ...nearestSize(spec, aspectValue(defaults.aspect)),
    // The default count as this model can make it: a row naming a one-image model takes the defaults too.
    n: Math.min(spec.n.max, Math.max(spec.n.min, defaults.n)),
    seed: defaults.seed,
    promptExtend: defaults.promptExtend && spec.options.promptExtend,
    watermark: defaults.watermark && spec.options.watermark,
    ...patch,
  };
};

/** A model named by its id or its name, as a person would write it in a spreadsheet. */
const modelNamed = (text: string): ModelId | null => {
  const wanted = text.trim().toLowerCase();
  const found = MODELS.find((model) => model.id.toLowerCase() === wanted || model.name.toLowerCase() === wanted);
  return found ? (found.id as ModelId) : null;
};

/** A whole number as written, a minus sign included: the rules then say what range it must be in. */
const wholeNumber = (text: string): number | null => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : null);

/** One prompt per non-blank line, each with every default. */
export const rowsFromLines = (text: string, defaults: BatchDefaults): DraftRow[] =>
  text.split(/\r?\n/).flatMap((raw, index) => {
    const prompt = raw.trim();
    return prompt === "" ? [] : [{ line: index + 1, request: requestFor(defaults, defaults.model, { prompt }), unreadable: null }];
  });

/** A results file's columns that tell what came of a generation, not what was asked (`size` is the image's): read past. */
const OUTCOME_COLUMNS: ReadonlySet<string> = new Set(["item", "revised_prompt", "size", "created", "request_id", "status", "error", "file", "image_url", "input_file", "input_url"] satisfies (typeof RESULT_COLUMNS)[number][]);

/** The columns a generation's lines in a results file have alike (its images' lines differ in the rest). */
const GENERATION_COLUMNS = ["item", "prompt", "negative_prompt", "model", "seed", "settings", "created", "request_id"] as const satisfies readonly (typeof RESULT_COLUMNS)[number][];

/**
 * A results file's `settings` cell as `ResultSettings` writes it (any key may be left out), or null when it is
 * not; "edit" for an edit's (it names an input), which no batch can run.
 */
const resultSettings = (text: string): Partial<ResultSettings> | "edit" | null => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const fields = value as Record<string, unknown>;
  if ("input" in fields) return "edit";
  // A key given with another type (an "n" of "4" typed in a spreadsheet) is refused, not left to the defaults.
  const typed = { size: "string", n: "number", prompt_extend: "boolean", watermark: "boolean" } as const;
  if (Object.entries(typed).some(([key, type]) => key in fields && typeof fields[key] !== type)) return null;
  return fields as Partial<ResultSettings>;
};

/**
 * A CSV's rows, its first row naming the columns (prompt is required; negative_prompt, model, size, seed and n
 * may be left out, or left empty in a row, for the defaults). A header it cannot read is refused as a whole.
 * The app's own results file (a set's "Download results (CSV)") reads too: one row per generation (its
 * images' lines taken once), its size, count and switches from its settings, what came of it read past.
 */
export const rowsFromCsv = (text: string, defaults: BatchDefaults): DraftRow[] => {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const names = header.cells.map((name) => name.trim().toLowerCase());
  const results = names.includes("item") && names.includes("settings");
  const columns = names.map((name): Column | "settings" | "outcome" | null =>
    results && OUTCOME_COLUMNS.has(name) ? "outcome" : name === "settings" ? "settings" : (ownEntry(ALIASES, name) ?? null),
  );
  const at = (cells: readonly string[], column: Column | "settings" | "item") => {
    const index = column === "item" ? names.indexOf("item") : columns.indexOf(column);
    return index < 0 ? "" : unguardCell((cells[index] ?? "").trim());
  };
  // A spreadsheet writes the empty rows and columns past its data as commas: those are nothing. A results
  // file's last row may be its note (what was left out of it), not a generation.
  const filled = rows.filter(({ cells }) => cells.some((cell) => cell.trim() !== "") && !(results && at(cells, "item") === "note" && at(cells, "settings") === ""));
  // One generation's images are lines next to each other, alike but for their files (and links); a line
  // copied to run twice has the same file, and a sheet without either column cannot tell them apart: rows.
  const file = names.includes("file") ? names.indexOf("file") : names.indexOf("image_url");
  const sameGeneration = (a: readonly string[], b: readonly string[]) =>
    file >= 0 && (a[file] ?? "").trim() !== "" && (b[file] ?? "").trim() !== "" && a[file] !== b[file] && GENERATION_COLUMNS.every((column) => (a[names.indexOf(column)] ?? "") === (b[names.indexOf(column)] ?? ""));
  const body = results ? filled.filter((row, index) => index === 0 || !sameGeneration(row.cells, filled[index - 1]?.cells ?? [])) : filled;
  const unknown = header.cells.filter((name, index) => columns[index] === null && name.trim() !== "");
  // A spreadsheet set to a language that writes decimals with commas saves its CSV with semicolons: one column
  // whose name is the columns' names joined so is said as that, not as a misspelt name.
  const [only] = header.cells;
  if (header.cells.length === 1 && only !== undefined && /[;\t]/.test(only) && only.split(/[;\t]/).some((name) => ownEntry(ALIASES, name.trim().toLowerCase()))) {
    throw new CsvError(header.line, "the columns are separated by semicolons or tabs, not commas: save the file as CSV with commas (in a spreadsheet, choose comma as the separator).");
  }
  if (unknown.length > 0) throw new CsvError(header.line, `unknown column ${unknown.map((name) => `“${name}”`).join(", ")}; the columns are ${BATCH_COLUMNS.join(", ")}.`);
  const unnamed = header.cells.findIndex((name, index) => name.trim() === "" && body.some(({ cells }) => (cells[index] ?? "").trim() !== ""));
  if (unnamed >= 0) throw new CsvError(header.line, `column ${unnamed + 1} has no name but holds values: name it (${BATCH_COLUMNS.join(", ")}) or remove it.`);
  // Two columns for one field: which one a row means is anyone's guess, so neither is taken.
  const twice = columns.findIndex((column, index) => column !== null && column !== "outcome" && columns.indexOf(column) < index);
  if (twice >= 0) {
    const first = columns.indexOf(columns[twice] ?? null);
    throw new CsvError(header.line, `columns ${first + 1} (“${header.cells[first]?.trim()}”) and ${twice + 1} (“${header.cells[twice]?.trim()}”) both give the ${columns[twice]}: keep one.`);
  }
  if (!columns.includes("prompt")) throw new CsvError(header.line, `the header has no prompt column; the columns are ${BATCH_COLUMNS.join(", ")}.`);
  return body.map(({ line, cells }) => {
    const value = (column: Column | "settings") => at(cells, column);
    const problems: string[] = [];
    // Text past the header's columns is most often a prompt's unquoted comma: refused, never cut off.
    if (cells.slice(columns.length).some((cell) => cell.trim() !== "")) {
      problems.push(`it has ${cells.length} cells, and the header names ${columns.length}: put a cell that holds a comma in double quotes ("A fox, in snow").`);
    }
    const settingsText = value("settings");
    const read = settingsText === "" ? {} : resultSettings(settingsText);
    // Its prompt is an instruction to change a picture: run from text, it would make another kind of image.
    if (read === "edit") problems.push("it is an edit of an input image, and a batch makes images from text: remove this line.");
    const settings = read === "edit" ? {} : read;
    if (settings === null) problems.push(`the settings “${settingsText}” are not what a results file writes ({"size":"1328*1328","n":1,"prompt_extend":true,"watermark":false}).`);
    const modelText = value("model");
    const model = modelText === "" ? defaults.model : modelNamed(modelText);
    if (model === null) problems.push(`there is no model “${modelText}”.`);
    const sizeText = settings?.size ?? value("size");
    const size = sizeText === "" ? null : parseSize(sizeText);
    if (sizeText !== "" && !size) problems.push(`the size “${sizeText}” is not written as width*height.`);
    const seedText = value("seed");
    const seed = seedText === "" ? defaults.seed : wholeNumber(seedText);
    if (seedText !== "" && seed === null) problems.push(`the seed “${seedText}” is not a whole number.`);
    const nText = settings?.n !== undefined ? String(settings.n) : value("n");
    const n = nText === "" ? null : wholeNumber(nText);
    if (nText !== "" && n === null) problems.push(`the number of images “${nText}” is not a whole number.`);
    const spec = findModel(model ?? defaults.model);
    const request = requestFor(defaults, model ?? defaults.model, {
      prompt: value("prompt"),
      negativePrompt: value("negative_prompt"),
      ...(size ?? {}),
      seed,
      ...(n !== null && { n }),
      // A switch the row's model lacks stays off, as the form's defaults would leave it.
      ...(settings?.prompt_extend !== undefined && { promptExtend: settings.prompt_extend && (spec?.options.promptExtend ?? false) }),
      ...(settings?.watermark !== undefined && { watermark: settings.watermark && (spec?.options.watermark ?? false) }),
    });
    // The first problem is enough to fix the row; the next one shows once it is fixed.
    return { line, request, unreadable: problems[0] ?? null };
  });
};

export const readBatch = (source: BatchSource, text: string, defaults: BatchDefaults): DraftRow[] =>
  source === "csv" ? rowsFromCsv(text, defaults) : rowsFromLines(text, defaults);

/**
 * Requests as a batch's CSV, every column written out, so a batch reused from the history runs as it ran
 * (`rowsFromCsv` reads them back the same, whatever the defaults). Rows whose switches differ (a batch read
 * from a results file) say theirs in a `settings` column, as a results file does; otherwise the form's
 * defaults carry them (batchSwitches). It is for the batch's text box, not a spreadsheet: no byte-order
 * mark, and prompts as written, even one that starts like a formula.
 */
export const batchToCsv = (requests: readonly GenerateRequest[]): string => {
  const switches = (request: GenerateRequest) => JSON.stringify({ prompt_extend: request.promptExtend, watermark: request.watermark });
  const perRow = new Set(requests.map(switches)).size > 1;
  return toCsv(
    [
      [...BATCH_COLUMNS, ...(perRow ? ["settings"] : [])],
      ...requests.map((request) => [request.prompt, request.negativePrompt, request.model, formatSize(request), request.seed, request.n, ...(perRow ? [switches(request)] : [])]),
    ],
    { spreadsheet: false },
  );
};

/**
 * The switches a batch's rows ran with, for its form's defaults when it is reused (the CSV has no column for
 * them): on if any row had it on, as a row whose model lacks one has it off whatever the default said.
 */
export const batchSwitches = (requests: readonly GenerateRequest[]): Pick<BatchDefaults, "promptExtend" | "watermark"> => ({
  promptExtend: requests.some((request) => request.promptExtend),
  watermark: requests.some((request) => request.watermark),
});
