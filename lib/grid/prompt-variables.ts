import { createRandom } from "../random/seeded-random";
import { ownEntry } from "../text/own-entry";

/**
 * Prompt variables: `{red|green|blue}` offers alternatives in place, `__colours__` the items of a named list.
 * A prompt with variables expands to every combination, or to a number of distinct random combinations
 * picked by a seed (so the preview the form shows is exactly what the server runs).
 */

/** A variable in a prompt: where it stands and what it may become. */
export type PromptVariable = {
  readonly start: number;
  readonly end: number;
  /** `{…}` alternatives, or the name of a list (`__name__`). */
  readonly source: { readonly kind: "choice" } | { readonly kind: "list"; readonly name: string };
  readonly values: readonly string[];
};

export type ExpandedPrompt = {
  readonly prompt: string;
  /** The value each variable took, in the prompt's order: what the grid labels the prompt by. */
  readonly picks: readonly string[];
};

/** Names of lists: letters, digits, `-`; no spaces, so `__init__`-like words in prose stay prose. */
export const LIST_NAME = /^[\p{L}\p{N}-]{1,40}$/u;
// The alternatives' parts cannot overlap (none holds a `|`): an unclosed `{` before many `|` is read in linear
// time, where `[^{}]*\|[^{}]*` tried every split of them (quadratic: minutes for a long enough prompt).
const VARIABLE = /\{([^{}|]*(?:\|[^{}|]*)+)\}|__([\p{L}\p{N}-]{1,40})__/gu;

/** The names of the lists a prompt uses, each once, in the order they appear. */
export const listNames = (prompt: string): string[] => [...new Set([...prompt.matchAll(VARIABLE)].flatMap((match) => (match[2] === undefined ? [] : [match[2]])))];

/**
 * The variables of a prompt. `lists` holds the named lists' items; a name it lacks yields a variable with no
 * values (the caller refuses it by name). `{a|b}` alternatives are trimmed; an empty one stays (it means
 * "nothing here").
 */
export const findVariables = (prompt: string, lists: Readonly<Record<string, readonly string[]>>): PromptVariable[] =>
  [...prompt.matchAll(VARIABLE)].map((match) => {
    const start = match.index;
    const end = start + match[0].length;
    if (match[1] !== undefined) return { start, end, source: { kind: "choice" }, values: match[1].split("|").map((value) => value.trim()) };
    const name = match[2] ?? "";
    return { start, end, source: { kind: "list", name }, values: ownEntry(lists, name) ?? [] };
  });

/** How many prompts every combination makes (Infinity past what a number holds exactly). */
export const combinationCount = (variables: readonly PromptVariable[]): number => {
  const count = variables.reduce((product, variable) => product * variable.values.length, 1);
  return Number.isSafeInteger(count) ? count : Number.POSITIVE_INFINITY;
};

/** The prompt with each variable replaced by the value at the same place in `picks`. */
const fill = (prompt: string, variables: readonly PromptVariable[], picks: readonly string[]): string => {
  let out = "";
  let from = 0;
  variables.forEach((variable, index) => {
    out += prompt.slice(from, variable.start) + (picks[index] ?? "");
    from = variable.end;
  });
  // Two spaces left where an empty alternative stood read as one.
  return (out + prompt.slice(from)).replace(/ {2,}/g, " ").trim();
};

/** The combination at `index` when they are counted with the first variable changing slowest. */
const combination = (variables: readonly PromptVariable[], index: number): string[] => {
  const picks: string[] = [];
  let rest = index;
  for (let position = variables.length - 1; position >= 0; position--) {
    const values = variables[position]?.values ?? [];
    picks[position] = values[rest % values.length] ?? "";
    rest = Math.floor(rest / values.length);
  }
  return picks;
};

/** `count` distinct indexes below `total`, in the order they were drawn (Floyd's sampling: no list of all). */
const sample = (total: number, count: number, seed: number): number[] => {
  const next = createRandom(seed);
  const chosen = new Set<number>();
  const order: number[] = [];
  for (let bound = total - count; bound < total; bound++) {
    const pick = Math.floor(next() * (bound + 1));
    const index = chosen.has(pick) ? bound : pick;
    chosen.add(index);
    order.push(index);
  }
  return order;
};

const MAX_LISTED = 10_000;

export type Expansion = { readonly mode: "all" } | { readonly mode: "random"; readonly count: number; readonly seed: number };

/**
 * The prompts a prompt with variables stands for: every combination (first variable changing slowest), or
 * `count` distinct ones drawn by `seed` (all of them, in order, when there are no more than that). A prompt
 * without variables stands for itself.
 */
export const expandPrompt = (prompt: string, lists: Readonly<Record<string, readonly string[]>>, expansion: Expansion): ExpandedPrompt[] => {
  const variables = findVariables(prompt, lists);
  const total = combinationCount(variables);
  // Past what a number counts exactly there is nothing to index; the schemas refuse such prompts by name.
  if (total === 0 || !Number.isFinite(total)) return [];
  const indexes =
    expansion.mode === "random" && expansion.count < total
      ? sample(total, expansion.count, expansion.seed)
      : // A preview of a prompt the schemas will refuse for its size stops at what a page can show.
        Array.from({ length: Math.min(total, MAX_LISTED) }, (_, index) => index);
  return indexes.map((index) => {
    const picks = combination(variables, index);
    return { prompt: fill(prompt, variables, picks), picks };
  });
};
