// zod/mini, like the generate schema: the grid form ships it to the browser.
import * as z from "zod/mini";
import { aspectSchema, imagesPer } from "../compare/compare-request";
import { COMPARE_ASPECTS } from "../compare/fit-to-model";
import { getModel, MODEL_IDS, MODELS, SEED_MAX } from "../models/registry";
import { flag, maxChars, seedSchema, strictFields, text } from "../models/request-schema";
import { charCount } from "../text/well-formed";
import { AXIS_TYPES, AXIS_VALUES_NAME, GRID_LIMITS, longestCellPrompt, planGrid, tooManyCells, tooManyValues, variablePrompts, type GridShape } from "./grid-plan";
import { combinationCount, findVariables, LIST_NAME, listNames } from "./prompt-variables";
import { listItem, listItemsOf, PROMPT_LIST_MAX_BYTES, PROMPT_LISTS } from "./prompt-list";
import { ownEntry } from "../text/own-entry";

/**
 * A grid: one change at a time across many cells. Up to three axes, each varying one setting; every cell is
 * the base settings with one value of each axis, made as its own generation (a queued job). The same schema
 * checks the grid form and the route; each cell's request is then derived from it, as a comparison's columns.
 */

/**
 * The longest text a grid takes where its cells take it whole or in part: ten times the longest prompt any
 * model reads (a template's alternatives are not all in one cell). Each cell's own prompt is checked against
 * its model after; this keeps a grid's hundred cells from each copying megabytes of text first.
 */
const GRID_TEXT_MAX = 10 * Math.max(...MODELS.map((model) => model.promptMaxLength));
const gridText = (what: string) => text(what).check(maxChars(GRID_TEXT_MAX, `${what} may be at most ${GRID_TEXT_MAX} characters.`));

/** How many values an axis has, and each once. */
const valueRules = <T>(type: keyof typeof AXIS_VALUES_NAME) => {
  const what = AXIS_VALUES_NAME[type];
  return [
    z.minLength(2, `${what}: give at least 2 values.`),
    z.maxLength(GRID_LIMITS.values, tooManyValues(type)),
    z.refine<T[]>((values) => new Set(values).size === values.length, `${what}: each value can be given once.`),
  ] as const;
};

/** One seed of a grid's seed axis, or of its random draw; its refusals are also said as seeds are typed. */
export const seedValue = z
  .number({ error: "A seed must be a number." })
  .check(z.int("A seed must be a whole number."), z.minimum(0, `A seed must be between 0 and ${SEED_MAX}.`), z.maximum(SEED_MAX, `A seed must be between 0 and ${SEED_MAX}.`));

export const axisSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("model"), values: z.array(z.enum(MODEL_IDS, { error: "Choose models from the list." })).check(...valueRules("model")) }, strictFields),
    z.strictObject({ type: z.literal("seed"), values: z.array(seedValue).check(...valueRules("seed")) }, strictFields),
    // The first term is what the prompt holds; each cell puts one of the terms in its place (the first: as written).
    z.strictObject({ type: z.literal("replace"), values: z.array(gridText("A term")).check(...valueRules("replace")) }, strictFields),
    z.strictObject(
      {
        type: z.literal("variables"),
        mode: z.enum(["all", "random"], { error: "Expand to every combination or to random ones." }),
        count: z.number({ error: "The count of random prompts must be a number." }).check(
          z.int("The count of random prompts must be a whole number."),
          z.minimum(2, "Pick at least 2 random prompts."),
          z.maximum(GRID_LIMITS.cells, `Pick at most ${GRID_LIMITS.cells} random prompts.`),
        ),
        pickSeed: seedValue,
      },
      strictFields,
    ),
    z.strictObject({ type: z.literal("aspect"), values: z.array(z.enum(COMPARE_ASPECTS, { error: "Choose listed aspect ratios." })).check(...valueRules("aspect")) }, strictFields),
    z.strictObject({ type: z.literal("promptExtend"), values: z.array(flag("Prompt rewriting")).check(...valueRules("promptExtend")) }, strictFields),
    z.strictObject({ type: z.literal("negative"), values: z.array(gridText("A negative prompt")).check(...valueRules("negative")) }, strictFields),
  ],
  { error: `An axis's type must be one of: ${AXIS_TYPES.join(", ")}.` },
);
export type GridAxis = z.infer<typeof axisSchema>;

/** A list's name as the prompt writes it (`__name__`). */
const LIST_IN_TEXT = /__[\p{L}\p{N}-]{1,40}__/u;

const LIST_NAME_RULE = "A list's name is letters, digits and dashes (at most 40).";
const listsSchema = z
  .record(
    z.string().check(z.regex(LIST_NAME, LIST_NAME_RULE)),
    listItemsOf(listItem),
    // A key that fails its check is reported by the record itself, not in the key's own words.
    { error: (issue) => (issue.code === "invalid_key" ? LIST_NAME_RULE : "Send the lists as an object of names and their items.") },
  )
  .check(z.refine((lists) => Object.keys(lists).length <= GRID_LIMITS.lists, `A grid uses at most ${GRID_LIMITS.lists} lists.`));

/**
 * Text past the limits its own fields say (already refused there): nothing of such a grid is expanded. Counted
 * as the fields count, in characters, or text the fields take would skip every check below.
 */
const pastTextLimits = (grid: GridShape): boolean =>
  [grid.prompt, grid.negativePrompt, ...grid.axes.flatMap((axis) => (axis.type === "replace" || axis.type === "negative" ? axis.values : []))].some((value) => charCount(value) > GRID_TEXT_MAX) ||
  Object.values(grid.lists).some((items) => items.length > GRID_LIMITS.listItems || items.some((item) => charCount(item) > PROMPT_LISTS.itemMaxLength));

/** The lists the prompt names (`__name__`) that `lists` has no items for. */
export const missingLists = (prompt: string, lists: Readonly<Record<string, readonly string[]>>): string[] => listNames(prompt).filter((name) => !ownEntry(lists, name)?.length);

export const missingListsMessage = (missing: readonly string[]): string =>
  `The prompt uses ${missing.map((name) => `__${name}__`).join(", ")}, which ${missing.length === 1 ? "is not a saved list" : "are not saved lists"}.`;

const checkGrid = (grid: GridShape, addIssue: (path: PropertyKey[], message: string) => void) => {
  if (pastTextLimits(grid)) return;
  if (grid.prompt.trim() === "") addIssue(["prompt"], "Write a prompt first.");
  const types = grid.axes.map((axis) => axis.type);
  types.forEach((type, index) => {
    if (types.indexOf(type) !== index) addIssue(["axes", index, "type"], `Each setting can be one axis only; ${type} is on two.`);
  });
  const variables = findVariables(grid.prompt, grid.lists);
  const variablesAxis = grid.axes.findIndex((axis) => axis.type === "variables");
  const missing = missingLists(grid.prompt, grid.lists);
  if (missing.length > 0) addIssue(["prompt"], missingListsMessage(missing));
  if (variables.length > 0 && variablesAxis < 0) addIssue(["axes"], "The prompt has variables ({a|b} or __list__): add the prompt variables axis to expand them.");
  if (variables.length === 0 && variablesAxis >= 0) addIssue(["axes", variablesAxis, "type"], "The prompt variables axis needs variables in the prompt: {red|green} or __list__.");
  for (const variable of variables) {
    if (variable.source.kind !== "choice") continue;
    // A list named among alternatives would go out as its name: the braces take it as a word.
    const named = variable.values.map((value) => LIST_IN_TEXT.exec(value)?.[0]).find((name) => name !== undefined);
    if (named !== undefined) addIssue(["prompt"], `A list cannot be one of the alternatives in {…}: put ${named} outside the braces.`);
    const twice = variable.values.find((value, index) => variable.values.indexOf(value) !== index);
    if (twice !== undefined) addIssue(["prompt"], twice === "" ? "The alternatives in {…} leave a place empty twice: keep one empty alternative." : `The alternatives in {…} give “${twice}” twice: each can be given once.`);
  }
  // Random picks index the combinations: past what a number counts exactly, none could be drawn, and every
  // cell would go out with the template itself.
  const countless = !Number.isFinite(combinationCount(variables));
  if (countless) addIssue(["prompt"], "The prompt's variables make more combinations than can be counted: use fewer alternatives or shorter lists.");
  const tooMany = tooManyCells(grid);
  if (tooMany !== null) addIssue(["axes"], tooMany);
  if (countless || tooMany !== null || missing.length > 0) return;
  // Before any cell's prompt is written out: a short term replaced by a long one everywhere could make each of a
  // hundred prompts hundreds of megabytes.
  const longest = longestCellPrompt(grid);
  if (longest > GRID_TEXT_MAX) {
    addIssue(["prompt"], `A cell's prompt could reach ${longest} characters, past the ${GRID_TEXT_MAX} a grid takes: use shorter alternatives, list items or terms.`);
    return;
  }
  // Only now: the term is looked for in every prompt the variables expand to, which a grid within its cells keeps few.
  const replace = grid.axes.findIndex((axis) => axis.type === "replace");
  const replaceAxis = grid.axes[replace];
  const term = replaceAxis?.type === "replace" ? replaceAxis.values[0] : undefined;
  // An alternative left empty is said below as an empty cell, which is what to fix, not the term.
  if (term !== undefined && (term === "" || !variablePromptsOrPrompt(grid).every((prompt) => prompt.trim() === "" || prompt.includes(term)))) {
    addIssue(["axes", replace, "values"], term === "" ? "Search and replace: the first term cannot be empty." : `Search and replace: the prompt does not contain “${term}”, the first term.`);
  }
  // Every cell meets its model's limits, the first one that does not is named.
  const plan = planGrid(grid);
  /** A cell as the grid labels it, its value on each axis; `empty`: what an empty value is said as. */
  const named = (cell: (typeof plan.cells)[number], empty = "") => plan.axes.map((axis, position) => axis.labels[cell.at[position] ?? 0] || empty).join(" · ");
  for (const cell of plan.cells) {
    const model = getModel(cell.request.model);
    const where = plan.axes.length > 0 ? ` (cell ${named(cell)})` : "";
    if (cell.request.prompt.trim() === "") {
      addIssue(["prompt"], `A cell's prompt would be empty (cell ${named(cell, "“”")}): keep some text outside the alternatives, or give the empty one a word.`);
      return;
    }
    const promptCount = charCount(cell.request.prompt);
    if (promptCount > model.promptMaxLength) {
      addIssue(["prompt"], `${model.id} reads at most ${model.promptMaxLength} characters; this prompt has ${promptCount}${where}.`);
      return;
    }
    const negativeCount = charCount(cell.request.negativePrompt);
    if (negativeCount > model.negativePromptMaxLength) {
      // Said where the text came from: the negative prompts axis when there is one, else the field.
      const negativeAxis = grid.axes.findIndex((axis) => axis.type === "negative");
      const path = negativeAxis >= 0 ? ["axes", negativeAxis, "values"] : ["negativePrompt"];
      addIssue(path, `${model.id} reads a negative prompt of at most ${model.negativePromptMaxLength} characters; it has ${negativeCount}${where}.`);
      return;
    }
  }
  // Fitted to their model, two shapes can come out one size (a model of five sizes makes 4:3 and 3:2 alike):
  // the same request twice, billed twice, one of them labelled with a shape it does not have.
  const aspectAxis = grid.axes.findIndex((axis) => axis.type === "aspect");
  if (aspectAxis < 0) return;
  const seen = new Map<string, (typeof plan.cells)[number]>();
  for (const cell of plan.cells) {
    const key = JSON.stringify(cell.request);
    const first = seen.get(key);
    if (first && first.at[aspectAxis] !== cell.at[aspectAxis]) {
      const { model, width, height } = cell.request;
      addIssue(["axes", aspectAxis, "values"], `Cells ${named(first)} and ${named(cell)} would send the same request (${model} at ${width}*${height}), each billed: keep one of those aspect ratios.`);
      return;
    }
    seen.set(key, cell);
  }
};

/** The prompts every cell starts from before a search and replace: the expanded ones, or the prompt itself. */
const variablePromptsOrPrompt = (grid: GridShape): string[] => {
  const expanded = variablePrompts(grid);
  return expanded.length > 0 ? expanded.map((entry) => entry.prompt) : [grid.prompt];
};

/**
 * The largest grid body within the rules, in bytes: every list it may use, full, and room for the prompt and
 * the axes (each cell's prompt is checked against its model after).
 */
export const GRID_MAX_BYTES = GRID_LIMITS.lists * PROMPT_LIST_MAX_BYTES + 256 * 1024;


export const gridRequestSchema = z
  .strictObject(
    {
      kind: z.literal("grid", { error: "A grid's kind is \"grid\"." }),
      model: z.enum(MODEL_IDS, { error: "Choose one of the listed models." }),
      prompt: gridText("The prompt"),
      negativePrompt: gridText("The negative prompt"),
      aspect: aspectSchema,
      perCell: imagesPer("Images per cell"),
      seed: seedSchema,
      promptExtend: flag("Prompt rewriting"),
      watermark: flag("Watermark"),
      axes: z.array(axisSchema, { error: "Send the axes as a list." }).check(z.minLength(1, "Add at least 1 axis."), z.maxLength(GRID_LIMITS.axes, `A grid has at most ${GRID_LIMITS.axes} axes.`)),
      lists: listsSchema,
    },
    strictFields,
  )
  .check(z.superRefine((value, ctx) => checkGrid(value, (path, message) => ctx.addIssue({ code: "custom", path, message }))));

export type GridRequest = z.infer<typeof gridRequestSchema>;

