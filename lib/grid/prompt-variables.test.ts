import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { combinationCount, expandPrompt, findVariables, listNames } from "./prompt-variables";

describe("prompt variables", () => {
  it("expands {a|b} alternatives and named lists to every combination, the first variable changing slowest", () => {
    const lists = { animals: ["cat", "dog"] };
    expect(expandPrompt("a {red|blue} __animals__ at dawn", lists, { mode: "all" })).toEqual([
      { prompt: "a red cat at dawn", picks: ["red", "cat"] },
      { prompt: "a red dog at dawn", picks: ["red", "dog"] },
      { prompt: "a blue cat at dawn", picks: ["blue", "cat"] },
      { prompt: "a blue dog at dawn", picks: ["blue", "dog"] },
    ]);
  });

  it("trims alternatives, and an empty one leaves no double space", () => {
    expect(expandPrompt("a { big | } house", {}, { mode: "all" }).map((entry) => entry.prompt)).toEqual(["a big house", "a house"]);
  });

  it("leaves braces without a choice and words with underscores inside alone", () => {
    expect(findVariables("a {single} word and snake_case_name", {})).toEqual([]);
    expect(expandPrompt("a {single} word", {}, { mode: "all" })).toEqual([{ prompt: "a {single} word", picks: [] }]);
  });

  it("names the lists a prompt uses, once each", () => {
    expect(listNames("__a__ and __b-2__ then __a__ 和 __颜色__")).toEqual(["a", "b-2", "颜色"]);
  });

  it("a list it does not know expands to nothing (the schema names it)", () => {
    expect(expandPrompt("a __missing__ cat", {}, { mode: "all" })).toEqual([]);
  });

  it("random picks are distinct, reproducible by seed, and all of them when asked for as many or more", () => {
    const prompt = "{a|b|c|d} {1|2|3|4} {x|y|z}";
    const first = expandPrompt(prompt, {}, { mode: "random", count: 10, seed: 42 });
    expect(first).toHaveLength(10);
    expect(new Set(first.map((entry) => entry.prompt)).size).toBe(10);
    expect(expandPrompt(prompt, {}, { mode: "random", count: 10, seed: 42 })).toEqual(first);
    expect(expandPrompt(prompt, {}, { mode: "random", count: 10, seed: 43 })).not.toEqual(first);
    expect(expandPrompt(prompt, {}, { mode: "random", count: 100, seed: 1 })).toEqual(expandPrompt(prompt, {}, { mode: "all" }));
  });

  it("property: every combination is made once, none keeps a variable, and the count is the product", () => {
    const word = fc.stringMatching(/^[a-z]{1,6}$/);
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(word, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 3 }), (groups) => {
        const prompt = groups.map((values) => `{${values.join("|")}}`).join(" and ");
        const expanded = expandPrompt(prompt, {}, { mode: "all" });
        const product = groups.reduce((count, values) => count * values.length, 1);
        expect(combinationCount(findVariables(prompt, {}))).toBe(product);
        expect(expanded).toHaveLength(product);
        expect(new Set(expanded.map((entry) => entry.picks.join("\u0000"))).size).toBe(product);
        for (const entry of expanded) {
          expect(entry.prompt).not.toMatch(/[{}|]/);
          expect(entry.prompt).toBe(entry.picks.join(" and "));
          entry.picks.forEach((pick, index) => expect(groups[index]).toContain(pick));
        }
      }),
    );
  });

  it("property: random picks are a subset of every combination, distinct, min(count, total) of them", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (a, b, count, seed) => {
        const prompt = `{${Array.from({ length: a }, (_, i) => `a${i}`).join("|")}} {${Array.from({ length: b }, (_, i) => `b${i}`).join("|")}}`;
        const all = new Set(expandPrompt(prompt, {}, { mode: "all" }).map((entry) => entry.prompt));
        const picked = expandPrompt(prompt, {}, { mode: "random", count, seed }).map((entry) => entry.prompt);
        expect(picked).toHaveLength(Math.min(count, a * b));
        expect(new Set(picked).size).toBe(picked.length);
        for (const prompt of picked) expect(all.has(prompt)).toBe(true);
      }),
    );
  });
});

describe("reading a prompt's variables", () => {
  it("reads an unclosed brace before many bars at once (every split of them was tried: minutes, past the test's time)", () => {
    expect(findVariables(`{${"|".repeat(1_000_000)}`, {})).toEqual([]);
    expect(findVariables(`{${"a|".repeat(100_000)}}`, {})).toHaveLength(1);
  });
});
