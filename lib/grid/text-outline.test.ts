import fc from "fast-check";
import opentype from "opentype.js";
import { describe, expect, it, vi } from "vitest";
import { fitted, wrapped } from "./text-outline";

const SIZE = 16;
const WIDTH = 180;

describe("text laid out for the drawn images", () => {
  it("wraps into lines that each fit, cut with an ellipsis only at the end, losing no character before the cut", () => {
    const words = fc.constantFrom("lighthouse", "a", "on", "cliff", "at", "dawn,", "灯塔", "清晨的悬崖", "WWWWWWWWWWWWWWWWWWWW", "柔和的晨光照在海面上");
    fc.assert(
      fc.property(fc.array(words, { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (parts, lines) => {
        const text = parts.join(" ");
        const out = wrapped(text, SIZE, WIDTH, lines);
        expect(out.length).toBeLessThanOrEqual(lines);
        for (const line of out) expect(fitted(line, SIZE, WIDTH)).toBe(line);
        const joined = out.join("").replace(/\s/g, "");
        const whole = text.replace(/\s/g, "");
        if (joined.endsWith("…") && !whole.endsWith("…")) expect(whole.startsWith(joined.slice(0, -1))).toBe(true);
        else expect(joined).toBe(whole);
      }),
      { numRuns: 150 },
    );
  });

  it("cuts a line to the most that fits: one character more would not", () => {
    const text = "A lighthouse on a cliff at dawn, soft light over a calm sea";
    const cut = fitted(text, SIZE, WIDTH);
    expect(cut.endsWith("…")).toBe(true);
    const kept = [...cut.slice(0, -1)];
    expect(fitted(`${[...text].slice(0, kept.length + 1).join("")}…`, SIZE, WIDTH)).not.toBe(`${[...text].slice(0, kept.length + 1).join("")}…`);
  });

  it("lays out a prompt of thousands of characters in a handful of measurements per line", () => {
    // 2,100 characters, the longest prompt a model reads: a one-character-at-a-time search measured the whole
    // line about 2,000 times per line, synchronously (a contact sheet of a batch draws hundreds of prompts).
    const prompt = "清晨悬崖上的一座灯塔，柔和的晨光照在平静的海面上。".repeat(84);
    const measure = vi.spyOn(opentype.Font.prototype, "getAdvanceWidth");
    try {
      const lines = wrapped(prompt, SIZE, WIDTH, 6);
      expect(lines).toHaveLength(6);
      expect(lines.at(-1)?.endsWith("…")).toBe(true);
      expect(measure.mock.calls.length).toBeLessThan(100);
    } finally {
      measure.mockRestore();
    }
  });
});
