import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { charCount, cutText, excerpt, isWellFormedText, maxLengthFor, wellFormed } from "./well-formed";

describe("well-formed text", () => {
  it("tells a lone surrogate from a pair", () => {
    expect(isWellFormedText("a kitten 🐱 and 𠀀")).toBe(true);
    expect(isWellFormedText("broken \ud800 here")).toBe(false);
    expect(isWellFormedText("\udc00")).toBe(false);
    expect(wellFormed("a\ud800b🐱")).toBe("a\ufffdb🐱");
    expect(wellFormed("a\u0000b")).toBe("ab");
  });

  it("counts characters, an emoji or a rare CJK character as one", () => {
    expect(charCount("")).toBe(0);
    expect(charCount("a kitten")).toBe(8);
    expect(charCount("🐱🐶")).toBe(2);
    expect(charCount("𠀀春")).toBe(2);
    expect(charCount("🐱".repeat(300))).toBe(300);
    // A broken half still takes room, as it would once written out (as U+FFFD).
    expect(charCount("a\ud800b")).toBe(3);
  });

  it("gives a field the maxLength that stops it at the limit in characters", () => {
    expect(maxLengthFor("", 500)).toBe(500);
    expect(maxLengthFor("a kitten", 500)).toBe(500);
    expect(maxLengthFor("🐱".repeat(300), 500)).toBe(800);
    expect(maxLengthFor("𠀀春", 4)).toBe(5);
  });

  it("leaves the last character's place room for an emoji, and none past it", () => {
    const field = "x".repeat(499);
    expect(maxLengthFor(field, 500)).toBeGreaterThanOrEqual(`${field}😀`.length);
    expect(maxLengthFor("𠀀春", 3)).toBe(5);
    expect(maxLengthFor(`${field}😀`, 500)).toBe(501);
    expect(maxLengthFor(`${field}y`, 500)).toBe(500);
  });

  it("property: a field at its maxLength holds exactly the limit in characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.nat(40), (text, max) => {
        const field = cutText(text, max);
        // Full where it is as long as its maxLength allows; and it is full only at the limit.
        expect(field.length >= maxLengthFor(field, max)).toBe(charCount(field) >= max);
      }),
    );
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
