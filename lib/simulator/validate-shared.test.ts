import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getModel } from "../models/registry";
import { charCount, isWellFormedText } from "../text/well-formed";
import type { WireRequest } from "./parse-body";
import { checkShared } from "./validate-shared";

const wan = getModel("wan2.6-t2i");
const wire = (patch: Partial<WireRequest>): WireRequest => ({ style: "native", model: wan.id, prompt: "a cat", n: 1, seed: 1, ...patch });

describe("the simulator's shared checks", () => {
  it("counts the prompt in characters, as the upstream does: an emoji or a rare CJK character is one", () => {
    expect(checkShared(wire({ prompt: "🐱".repeat(2100) }), wan, "prompt").ok).toBe(true);
    expect(checkShared(wire({ prompt: "𠀀".repeat(2100) }), wan, "prompt").ok).toBe(true);
    expect(checkShared(wire({ prompt: "🐱".repeat(2101) }), wan, "instruction")).toEqual({
      ok: false,
      message: "The instruction has 2101 characters; wan2.6-t2i accepts at most 2100.",
    });
  });

  it("cuts a long negative prompt at 500 characters, never inside an emoji", () => {
    const negativeOf = (negative_prompt: string) => {
      const checked = checkShared(wire({ negative_prompt }), wan, "prompt");
      return checked.ok ? checked.params.negativePrompt : null;
    };
    expect(negativeOf("🐱".repeat(500))).toBe("🐱".repeat(500));
    expect(negativeOf(`${"🐱".repeat(500)}🐶`)).toBe("🐱".repeat(500));
    // Where a cut by UTF-16 unit would leave half an emoji.
    expect(negativeOf(`${"b".repeat(499)}🐱🐶`)).toBe(`${"b".repeat(499)}🐱`);
  });

  it("property: the negative prompt it keeps is the whole one, or its first 500 characters, and always well formed", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 700 }), (negative_prompt) => {
        const checked = checkShared(wire({ negative_prompt }), wan, "prompt");
        if (!checked.ok) throw new Error(checked.message);
        const kept = checked.params.negativePrompt;
        expect(negative_prompt.startsWith(kept)).toBe(true);
        expect(isWellFormedText(kept)).toBe(true);
        expect(charCount(kept)).toBe(Math.min(charCount(negative_prompt), wan.negativePromptMaxLength));
      }),
      { numRuns: 200 },
    );
  });
});
