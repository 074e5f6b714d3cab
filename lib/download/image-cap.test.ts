import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withinImages } from "./image-cap";

describe("a file's cap on images", () => {
  it("keeps the leading items that fit, whole, and counts the images of the rest", () => {
    expect(withinImages([2, 2, 3, 1], (count) => count, 5)).toEqual({ kept: [2, 2], leftOut: 4 });
    expect(withinImages([2, 2], (count) => count, 5)).toEqual({ kept: [2, 2], leftOut: 0 });
    expect(withinImages([6, 1], (count) => count, 5)).toEqual({ kept: [], leftOut: 7 });
  });

  it("property: what is kept is a prefix within the cap, and kept and left out add up to every image", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 40 }), fc.integer({ min: 0, max: 60 }), (counts, max) => {
        const { kept, leftOut } = withinImages(counts, (count) => count, max);
        const sum = (list: readonly number[]) => list.reduce((total, count) => total + count, 0);
        expect(counts.slice(0, kept.length)).toEqual(kept);
        expect(sum(kept)).toBeLessThanOrEqual(max);
        expect(sum(kept) + leftOut).toBe(sum(counts));
        // Nothing that fits after the cut is kept out: the next item would pass the cap.
        if (kept.length < counts.length) expect(sum(kept) + (counts[kept.length] ?? 0)).toBeGreaterThan(max);
      }),
    );
  });
});
