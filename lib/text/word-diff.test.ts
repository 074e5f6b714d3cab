import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffSummary, segmentWords, wordDiff } from "./word-diff";

const rebuild = (parts: ReturnType<typeof wordDiff>, side: "before" | "after") =>
  parts.filter((part) => part.kind === "same" || part.kind === (side === "before" ? "removed" : "added")).map((part) => part.text).join("");

describe("word diff", () => {
  it("shows what an English rewrite added and dropped", () => {
    const parts = wordDiff("a red fox in snow", "a red fox resting in deep snow, cinematic light");
    expect(parts).toEqual([
      { kind: "same", text: "a red fox " },
      { kind: "added", text: "resting " },
      { kind: "same", text: "in " },
      { kind: "added", text: "deep " },
      { kind: "same", text: "snow" },
      { kind: "added", text: ", cinematic light" },
    ]);
    expect(diffSummary(parts)).toEqual({ added: 4, removed: 0 });
  });

  it("marks a changed word as dropped and added", () => {
    const parts = wordDiff("a blue vase", "a white vase");
    expect(parts).toEqual([
      { kind: "same", text: "a " },
      { kind: "removed", text: "blue" },
      { kind: "added", text: "white" },
      { kind: "same", text: " vase" },
    ]);
  });

  it("segments Chinese into words, not one run of characters", () => {
    // The exact split is ICU's dictionary; what matters is words, not single characters or one run.
    const words = segmentWords("岳阳楼记的书法");
    expect(words.join("")).toBe("岳阳楼记的书法");
    expect(words).toContain("书法");
    expect(words.length).toBeGreaterThan(2);
    expect(words.length).toBeLessThan(7);
    const parts = wordDiff("青花瓷花瓶", "青花瓷花瓶，温暖的黄昏色调");
    expect(parts[0]).toEqual({ kind: "same", text: "青花瓷花瓶" });
    expect(rebuild(parts, "after")).toBe("青花瓷花瓶，温暖的黄昏色调");
    expect(diffSummary(parts).added).toBeGreaterThanOrEqual(3);
  });

  it("always puts both texts back together exactly (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), (before, after) => {
        const parts = wordDiff(before, after);
        expect(rebuild(parts, "before")).toBe(before);
        expect(rebuild(parts, "after")).toBe(after);
      }),
    );
  });
});
