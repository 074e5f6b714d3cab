import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutText, isWellFormedText, wellFormed } from "./well-formed";

describe("well-formed text", () => {
  it("tells a lone surrogate from a pair", () => {
    expect(isWellFormedText("a kitten 🐱 and 𠀀")).toBe(true);
    expect(isWellFormedText("broken \ud800 here")).toBe(false);
    expect(isWellFormedText("\udc00")).toBe(false);
    expect(wellFormed("a\ud800b🐱")).toBe("a\ufffdb🐱");
  });

  it("cuts by character, never inside one", () => {
    expect(cutText("🐱🐶🐭", 2)).toBe("🐱🐶");
    expect(cutText(`${"x".repeat(199)}🐱`, 200)).toBe(`${"x".repeat(199)}🐱`);
    expect(cutText("short", 200)).toBe("short");
    expect(cutText("abc", 0)).toBe("");
  });

  it("gives a well-formed prefix of any well-formed text, of at most max characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.nat(50), (text, max) => {
        const cut = cutText(text, max);
        expect(text.startsWith(cut)).toBe(true);
        expect(isWellFormedText(cut)).toBe(true);
        expect([...cut].length).toBe(Math.min(max, [...text].length));
      }),
    );
  });
});
