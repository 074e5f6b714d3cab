import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { revisePrompt } from "./revise-prompt";

describe("revisePrompt", () => {
  it("keeps the prompt and adds three distinct phrases, deterministically", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((text) => /\w/.test(text)), fc.nat(), (prompt, seed) => {
        const revised = revisePrompt(prompt, seed);
        expect(revisePrompt(prompt, seed)).toBe(revised);
        const base = prompt.trim().replace(/[\s,.]+$/u, "");
        expect(revised.startsWith(`${base}, `)).toBe(true);
        const phrases = revised.slice(base.length + 2, -1).split(", ");
        expect(new Set(phrases).size).toBe(3);
      }),
    );
  });

  it("answers in Chinese when the prompt has CJK characters", () => {
    expect(revisePrompt("一只小猫。", 1)).toMatch(/^一只小猫，[^,]+，[^,]+，[^,]+。$/u);
  });

  it("varies the phrases with the seed", () => {
    const variants = new Set(Array.from({ length: 20 }, (_, seed) => revisePrompt("a fox", seed)));
    expect(variants.size).toBeGreaterThan(1);
  });
});
