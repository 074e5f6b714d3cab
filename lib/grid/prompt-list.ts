// zod/mini: the lists editor ships it to the browser.
import * as z from "zod/mini";
import { maxChars, strictFields, text } from "../models/request-schema";
import { GRID_LIMITS } from "./grid-plan";
import { LIST_NAME } from "./prompt-variables";

/** A named list of a prompt's variable (`__name__`), as the playground keeps it for everyone. */
export type PromptList = { readonly name: string; readonly items: readonly string[]; readonly updatedAt: number };

/** How many lists a playground keeps, and how long an item may be (a list is a list of words, not prompts). */
export const PROMPT_LISTS = { max: 100, itemMaxLength: 200 } as const;

/**
 * The most bytes JSON can take to write one character: an emoji or a rare CJK character escaped by a client
 * that writes only ASCII (`\ud83d\udc31`). Written as UTF-8 it is 4, a Chinese one 3, an escaped control
 * character 6.
 */
const JSON_BYTES_PER_CHARACTER = 12;

/**
 * The largest body a list within those rules can be, in bytes, however its client writes the JSON. A cap in
 * bytes tighter than the rules in characters would refuse a full list of emoji or Chinese words as "too large".
 */
export const PROMPT_LIST_MAX_BYTES = GRID_LIMITS.listItems * (PROMPT_LISTS.itemMaxLength * JSON_BYTES_PER_CHARACTER + 8) + 1024;

/** Each item once (as trimmed): an item twice makes its cells twice, each billed, as `{red|red}` would. */
export const itemsOnce = z.superRefine((items: readonly string[], ctx) => {
  const seen = new Set<string>();
  for (const item of items) {
    const key = item.trim();
    if (seen.has(key)) {
      ctx.addIssue({ code: "custom", message: `A list gives “${key}” twice: each item can be given once.` });
      return;
    }
    seen.add(key);
  }
});

/**
 * A list's item, as the lists editor, the lists route and a grid's copy of the list take it: one line, kept
 * trimmed (the editor writes a list one item a line, trimmed, so anything else would change the next time the
 * list is edited and saved), counted in characters.
 */
export const listItem = text("A list's item").check(
  z.trim(),
  z.refine((item) => !/[\r\n\u2028\u2029]/.test(item), "A list's item is one line: it cannot hold a line break."),
  maxChars(PROMPT_LISTS.itemMaxLength, `A list's item may be at most ${PROMPT_LISTS.itemMaxLength} characters.`),
);

/** A list's items: at least one, at most a grid's count, each once. */
export const listItemsOf = (item: z.ZodMiniType<string, string>) =>
  z.array(item).check(z.minLength(1, "A list needs at least 1 item."), z.maxLength(GRID_LIMITS.listItems, `A list holds at most ${GRID_LIMITS.listItems} items.`), itemsOnce);

/** The same check in the lists editor and the route: a name usable as `__name__`, and its items one per line. */
export const promptListSchema = z.strictObject(
  {
    name: z.string({ error: "A list's name must be text." }).check(z.regex(LIST_NAME, "A list's name is letters, digits and dashes (at most 40).")),
    items: listItemsOf(listItem.check(z.refine((item) => item.trim() !== "", "A list's items cannot be empty."))),
  },
  strictFields,
);

/** A list's items from what was typed, one per line: trimmed, blank lines and repeats dropped. */
export const itemsFromLines = (lines: string): string[] => [...new Set(lines.split("\n").map((line) => line.trim()).filter(Boolean))];
