import { describe, expect, it } from "vitest";
import { fitLines, lineCount, widestWord, widthOf } from "./text-fit";

describe("a text's width before it is drawn", () => {
  it("takes an East Asian character as about twice a Latin letter, so a Chinese prompt is cut at half the characters", () => {
    expect(widthOf("种子")).toBe(2);
    expect(widthOf("seed")).toBeLessThan(widthOf("种子种子"));
    const chinese = "在一个宁静的清晨，薄雾笼罩着古老的江南水乡。".repeat(20);
    const fitted = fitLines(chinese, 56, 3);
    expect(fitted.lines).toBe(3);
    expect(fitted.text).toMatch(/…$/);
    expect([...fitted.text].length).toBeLessThanOrEqual(3 * 56);
    expect(lineCount(fitted.text, 56)).toBe(3);
  });

  it("breaks East Asian text between any two characters, and Latin only between words", () => {
    expect(widestWord("提示词改写")).toBe(1);
    expect(widestWord("Prompt rewriting")).toBe(widthOf("rewriting"));
  });

  it("counts a line break's lines, an empty one too", () => {
    expect(lineCount("Prompt: a fox\n\nNegative prompt: blurry", 100)).toBe(3);
    expect(lineCount("", 10)).toBe(1);
  });
});
