import fc from "fast-check";
import { safeParse } from "zod/mini";
import { describe, expect, it } from "vitest";
import { charCount } from "../text/well-formed";
import { DEFAULT_GRID, GRID_LIMITS, longestCellPrompt } from "./grid-plan";
import { GRID_MAX_BYTES, gridRequestSchema } from "./grid-request";
import { PROMPT_LIST_MAX_BYTES, PROMPT_LISTS, promptListSchema } from "./prompt-list";

/**
 * Characters of every width a list is written in: ASCII, a control character JSON escapes, Chinese (one UTF-16
 * unit, 3 UTF-8 bytes), a rare CJK character and emoji (two UTF-16 units, 4 UTF-8 bytes each).
 */
const wideCharacter = fc.constantFrom("a", "Z", " ", "\u0001", "\"", "中", "文", "𠀀", "𪚥", "🐱", "🎨", "😀");
const item = (min: number, max: number) => fc.array(wideCharacter, { minLength: min, maxLength: max }).map((characters) => `x${characters.join("")}`);

const MAX = PROMPT_LISTS.itemMaxLength;
const refusals = (items: string[]) => safeParse(promptListSchema, { name: "words", items }).error?.issues.map((issue) => issue.message) ?? [];
const gridRefusals = (items: string[]) =>
  safeParse(gridRequestSchema, { ...DEFAULT_GRID, prompt: "a __words__ fox", axes: [{ type: "variables", mode: "all", count: 2, pickSeed: 1 }], lists: { words: items } }).error?.issues.map(
    (issue) => issue.message,
  ) ?? [];
const TOO_LONG = `A list's item may be at most ${MAX} characters.`;

/** JSON as a client that escapes everything past ASCII writes it (Python's default): an emoji is 12 bytes. */
const asciiJson = (value: unknown): string => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`);

describe("a list's items are counted in characters, as the message says and the models count", () => {
  it("takes an item of up to the limit in characters, whatever their width, and refuses one past it, in the lists editor and in a grid alike", () => {
    fc.assert(
      fc.property(item(MAX - 40, MAX + 40), (text) => {
        // Counted as kept: trimmed.
        const fits = charCount(text.trim()) <= MAX;
        expect(refusals([text]).includes(TOO_LONG)).toBe(!fits);
        expect(gridRefusals([text]).includes(TOO_LONG)).toBe(!fits);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps each item trimmed and on one line, as the editor writes a list, in the lists route and in a grid alike", () => {
    expect(safeParse(promptListSchema, { name: "words", items: [" green ", "red\t"] }).data?.items).toEqual(["green", "red"]);
    expect(refusals(["green", " green "])).toEqual(["A list gives “green” twice: each item can be given once."]);
    for (const broken of ["a\nb", "a\r\nb", "a\rb", "a\u2028b"]) {
      expect(refusals([broken])).toEqual(["A list's item is one line: it cannot hold a line break."]);
      expect(gridRefusals(["one", broken])).toContain("A list's item is one line: it cannot hold a line break.");
    }
    expect(refusals(["  "])).toEqual(["A list's items cannot be empty."]);
  });

  it("takes 200 emoji, which are 400 UTF-16 units, and a grid using them is checked in full", () => {
    const emoji = "🐱".repeat(MAX);
    expect(refusals([emoji])).toEqual([]);
    expect(refusals([`${emoji}🐱`])).toEqual([TOO_LONG]);
    // The grid's other checks still run on such a list: here, the prompt that is missing.
    expect(safeParse(gridRequestSchema, { ...DEFAULT_GRID, prompt: " ", lists: { words: [emoji] } }).error?.issues.map((issue) => issue.message) ?? []).toContain("Write a prompt first.");
    // And the longest prompt a cell can reach, said in characters, is counted in them: 20 characters, each of
    // which could be the one-character term, replaced by two (in UTF-16 units it would be 60).
    expect(longestCellPrompt({ prompt: `${"🐱".repeat(10)} __words__`, lists: { words: ["🐶🐶", "中"] }, axes: [{ type: "replace", values: ["🐱", "🦊🦊"] }] })).toBe(40);
  });

  it("never refuses a full list within the rules as too large, however its client writes the JSON", () => {
    fc.assert(
      fc.property(fc.array(fc.array(wideCharacter, { minLength: MAX - 3, maxLength: MAX - 3 }), { minLength: GRID_LIMITS.listItems, maxLength: GRID_LIMITS.listItems }), (rows) => {
        // Each item exactly at the limit, told apart by its first three characters.
        const list = { name: "w".repeat(40), items: rows.map((characters, index) => `${String(index).padStart(3, "0")}${characters.join("")}`) };
        expect(refusals(list.items)).toEqual([]);
        for (const json of [JSON.stringify(list), JSON.stringify(list, null, 2), asciiJson(list)]) {
          expect(Buffer.byteLength(json)).toBeLessThanOrEqual(PROMPT_LIST_MAX_BYTES);
        }
        const lists = Object.fromEntries(Array.from({ length: GRID_LIMITS.lists }, (_, index) => [`list-${index}`, list.items]));
        expect(Buffer.byteLength(asciiJson({ ...DEFAULT_GRID, lists }))).toBeLessThanOrEqual(GRID_MAX_BYTES);
      }),
      // A counterexample is 40,000 characters: shrinking it would take minutes and say no more.
      { numRuns: 10, endOnFailure: true },
    );
  });
});
