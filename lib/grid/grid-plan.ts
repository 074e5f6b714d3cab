import { aspectValue, fittedCount, fitToModel, type ColumnPlan, type CompareAspect } from "../compare/fit-to-model";
import { format } from "../i18n/format";
import { getModel, type ModelId } from "../models/registry";
import type { GridAxis, GridRequest } from "./grid-request";
import { combinationCount, expandPrompt, findVariables, type ExpandedPrompt } from "./prompt-variables";
import { charCount } from "../text/well-formed";

/**
 * A grid's plan: every cell's own request, where it sits, and each axis's labels. No zod here: the history's
 * cards plan the grids they show on the first screen, where zod is not loaded (lib/grid/grid-request.ts has
 * the schema).
 */

export const GRID_LIMITS = { axes: 3, values: 12, cells: 100, lists: 20, listItems: 200 } as const;

export const AXIS_TYPES = ["model", "seed", "replace", "variables", "aspect", "promptExtend", "negative"] as const;
export type AxisType = (typeof AXIS_TYPES)[number];

/** What an axis of values is called where its values are refused (a variables axis has no values of its own). */
export const AXIS_VALUES_NAME = {
  model: "Models",
  seed: "Seeds",
  replace: "Search and replace",
  aspect: "Aspect ratios",
  promptExtend: "Prompt rewriting",
  negative: "Negative prompts",
} as const satisfies Record<Exclude<AxisType, "variables">, string>;

/** The refusal of an axis of more values than a grid takes: the route's rule, which the form says as they are typed. */
export const tooManyValues = (type: keyof typeof AXIS_VALUES_NAME) => `${AXIS_VALUES_NAME[type]}: give at most ${GRID_LIMITS.values} values.`;

export type CellPlan = ColumnPlan & {
  /** The cell's place: the index of its value on each axis. */
  readonly at: readonly number[];
};

export type GridPlan = {
  /** Each axis with the label of each of its values, in order. */
  readonly axes: ReadonlyArray<{ readonly type: AxisType; readonly labels: readonly string[] }>;
  /** Every cell, the first axis changing fastest: cell i sits at (i mod n1, i / n1 mod n2, ...). */
  readonly cells: readonly CellPlan[];
};

export type GridShape = {
  readonly model: ModelId;
  readonly prompt: string;
  readonly negativePrompt: string;
  readonly aspect: CompareAspect;
  readonly perCell: number;
  readonly seed: number | null;
  readonly promptExtend: boolean;
  readonly watermark: boolean;
  readonly axes: readonly GridAxis[];
  readonly lists: Readonly<Record<string, readonly string[]>>;
};

/** The prompts a variables axis stands for; none when the grid has no such axis. */
export const variablePrompts = (grid: Pick<GridShape, "prompt" | "lists" | "axes">): ExpandedPrompt[] => {
  const axis = grid.axes.find((entry) => entry.type === "variables");
  if (!axis) return [];
  return expandPrompt(grid.prompt, grid.lists, axis.mode === "all" ? { mode: "all" } : { mode: "random", count: axis.count, seed: axis.pickSeed });
};

/**
 * The most characters any cell's prompt can hold, known before any is written out: the prompt with each
 * variable at its longest value, then every place the search term could stand given its longest term.
 */
export const longestCellPrompt = (grid: Pick<GridShape, "prompt" | "lists" | "axes">): number => {
  const longest = (values: readonly string[]) => Math.max(0, ...values.map(charCount));
  const expanded = findVariables(grid.prompt, grid.lists).reduce(
    (count, variable) => count + Math.max(0, longest(variable.values) - charCount(grid.prompt.slice(variable.start, variable.end))),
    charCount(grid.prompt),
  );
  const replace = grid.axes.find((axis) => axis.type === "replace");
  const term = replace?.type === "replace" ? (replace.values[0] ?? "") : "";
  if (replace?.type !== "replace" || term === "") return expanded;
  const termCount = charCount(term);
  return expanded + Math.floor(expanded / termCount) * Math.max(0, longest(replace.values) - termCount);
};

/**
 * The most characters every model of the grid reads in a prompt: the strictest of a models axis's models, or
 * the grid's own model's (what the prompt's counter counts against; each cell is checked against its own).
 */
export const gridPromptMax = (grid: Pick<GridShape, "model" | "axes">): number => {
  const axis = grid.axes.find((entry) => entry.type === "model");
  const models = axis?.type === "model" && axis.values.length > 0 ? axis.values : [grid.model];
  return Math.min(...models.map((model) => getModel(model).promptMaxLength));
};

/** How many values an axis has (a variables axis: the prompts it expands to). */
const axisLength = (grid: Pick<GridShape, "prompt" | "lists" | "axes">, axis: GridAxis): number => {
  if (axis.type !== "variables") return axis.values.length;
  const total = combinationCount(findVariables(grid.prompt, grid.lists));
  return axis.mode === "all" ? total : Math.min(total, axis.count);
};

/** The count of cells a grid makes (Infinity past a safe number). */
export const cellCount = (grid: Pick<GridShape, "prompt" | "lists" | "axes">): number => grid.axes.reduce((product, axis) => product * axisLength(grid, axis), 1);

/**
 * The refusal of a grid of more cells than a grid may have, null within the limit: the route's rule, which the
 * form says as the grid is typed.
 */
export const tooManyCells = (grid: Pick<GridShape, "prompt" | "lists" | "axes">): string | null => {
  const cells = cellCount(grid);
  return cells > GRID_LIMITS.cells ? `This grid has ${Number.isFinite(cells) ? cells : "too many"} cells; a grid has at most ${GRID_LIMITS.cells}.` : null;
};

/**
 * What a grid's cells make, by model: how many cells each model has and the images it makes in each. Counted
 * without writing any cell out, so a grid past the cell limit is counted whole (its counts are what the form
 * says is wrong with it).
 */
export const cellsByModel = (grid: Pick<GridShape, "model" | "perCell" | "prompt" | "lists" | "axes">): Array<{ model: ModelId; cells: number; n: number }> => {
  const axis = grid.axes.find((entry) => entry.type === "model");
  // A models axis gives each of its models an equal share of the cells.
  const models = axis?.type === "model" && axis.values.length > 0 ? axis.values : [grid.model];
  const cells = cellCount(grid);
  return models.map((model) => ({ model, cells: cells / models.length, n: fittedCount(model, grid.perCell) }));
};

/** The words of the values that are not text of their own; the interface passes its language's. */
export type ValueWords = { readonly on: string; readonly off: string; readonly none: string };
const ENGLISH: ValueWords = { on: "On", off: "Off", none: "(none)" };

/** What a seed, an aspect ratio, a negative prompt or prompt rewriting's on or off is called, in the words given. */
export const valueLabel = (value: string | number | boolean, words: ValueWords): string =>
  typeof value === "boolean" ? (value ? words.on : words.off) : value === "" ? words.none : String(value);

/** What each value of an axis is called in the grid's headers. */
const axisLabels = (grid: GridShape, axis: GridAxis, words: ValueWords): string[] => {
  switch (axis.type) {
    case "model":
      return axis.values.map((id) => getModel(id).name);
    case "replace":
      return [...axis.values];
    case "variables":
      return variablePrompts(grid).map((expanded) => expanded.picks.join(" · "));
    case "seed":
    case "aspect":
    case "promptExtend":
    case "negative":
      return axis.values.map((value: string | number | boolean) => valueLabel(value, words));
  }
};

/**
 * Every cell's own request, with notes where a model could not take what was asked. `seed` is the shared seed
 * (fixed by the server before the plan when left random); a seed axis gives each cell its own instead.
 */
export const planGrid = (grid: GridShape, seed: number | null = grid.seed, words: ValueWords = ENGLISH): GridPlan => {
  const axes = grid.axes.map((axis) => ({ type: axis.type, labels: axisLabels(grid, axis, words) }));
  const prompts = variablePrompts(grid);
  const total = cellCount(grid);
  const cells: CellPlan[] = [];
  for (let index = 0; index < total && index < GRID_LIMITS.cells; index++) {
    const at: number[] = [];
    let rest = index;
    for (const axis of axes) {
      at.push(rest % axis.labels.length);
      rest = Math.floor(rest / axis.labels.length);
    }
    let model = grid.model;
    const asked = { prompt: grid.prompt, negativePrompt: grid.negativePrompt, aspect: aspectValue(grid.aspect), n: grid.perCell, seed, promptExtend: grid.promptExtend, watermark: grid.watermark };
    // Prompt variables first: a search term may stand inside what they expand to.
    grid.axes.forEach((axis, position) => {
      if (axis.type === "variables") asked.prompt = prompts[at[position] ?? 0]?.prompt ?? asked.prompt;
    });
    grid.axes.forEach((axis, position) => {
      const pick = at[position] ?? 0;
      switch (axis.type) {
        case "model":
          model = axis.values[pick] ?? model;
          break;
        case "seed":
          asked.seed = axis.values[pick] ?? asked.seed;
          break;
        case "replace":
          asked.prompt = asked.prompt.split(axis.values[0] ?? "").join(axis.values[pick] ?? "");
          break;
        case "aspect":
          asked.aspect = aspectValue(axis.values[pick] ?? grid.aspect);
          break;
        case "promptExtend":
          asked.promptExtend = axis.values[pick] ?? asked.promptExtend;
          break;
        case "negative":
          asked.negativePrompt = axis.values[pick] ?? asked.negativePrompt;
          break;
        case "variables":
          break;
      }
    });
    cells.push({ ...fitToModel(model, asked), at });
  }
  return { axes, cells };
};

export const gridImageCount = (plan: Pick<GridPlan, "cells">): number => plan.cells.reduce((sum, cell) => sum + cell.request.n, 0);

/** The words an axis is named with beside its value, in one language ("Seed: 7", "种子：7"). */
export type AxisWords = { readonly axisNames: Readonly<Record<AxisType, string>>; readonly axisValue: string };

/** An axis named with one of its values, as every cell, row and table of a grid is named. */
export const axisValueName = (words: AxisWords, type: AxisType, value: string): string => format(words.axisValue, { name: words.axisNames[type], value });

/** Where a cell sits, in words: "Model: Wan 2.6 · Seed: 7". */
export const cellName = (plan: GridPlan, cell: Pick<CellPlan, "at">, words: AxisWords): string =>
  plan.axes.map((axis, position) => axisValueName(words, axis.type, axis.labels[cell.at[position] ?? 0] ?? "")).join(" · ");

/** Every cell's name, in plan order (the order of a grid's columns). */
export const cellNames = (grid: GridShape, seed: number, words: AxisWords, values?: ValueWords): string[] => {
  const plan = planGrid(grid, seed, values);
  return plan.cells.map((cell) => cellName(plan, cell, words));
};

/** A fresh grid form: one model, a seed axis of three. */
export const DEFAULT_GRID: GridRequest = {
  kind: "grid",
  model: "wan2.6-t2i",
  prompt: "",
  negativePrompt: "",
  aspect: "1:1",
  perCell: 1,
  seed: null,
  promptExtend: true,
  watermark: false,
  axes: [{ type: "seed", values: [1, 2, 3] }],
  lists: {},
};
