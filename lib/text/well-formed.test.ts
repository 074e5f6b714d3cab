import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutText, excerpt, isWellFormedText, wellFormed } from "./well-formed";

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

  it("shortens for a label at a word's end, with an ellipsis only when something was left out", () => {
    expect(excerpt("A lighthouse at dusk", 60)).toBe("A lighthouse at dusk");
    expect(excerpt("A lighthouse at dusk over a stormy sea, with gulls", 30)).toBe("A lighthouse at dusk over a…");
    expect(excerpt("lowres,bad_anatomy,bad_hands,text,error", 10)).toBe("lowres,bad…");
    expect(excerpt("春茶节海报，书法标题“春茶节”，樱花，晨光", 8)).toBe("春茶节海报，书法…");
    expect(excerpt("two\n\nlines", 20)).toBe("two lines");
    expect([...excerpt("🐱".repeat(50), 10)]).toHaveLength(11);
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
