import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deckContents, withinImages } from "./image-cap";

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

  it("a deck cut short lists in its settings table only the items whose slides are in; whole, every item, one without a picture too", () => {
    // An item: its slides, each with its pictures (null: one that never came).
    type Item = { readonly name: string; readonly slides: ReadonlyArray<ReadonlyArray<string | null>> };
    const slidesOf = (item: Item) => item.slides.map((images, index) => ({ key: `${item.name}-${index}`, panels: images.map((id) => ({ image: id === null ? null : { id } })) }));
    const items: Item[] = [
      { name: "comparison", slides: [["a", "b", null]] },
      { name: "failed", slides: [] },
      { name: "batch", slides: [["c"], ["d"], ["e"]] },
      { name: "last", slides: [["f", "g"]] },
    ];
    const cut = deckContents(items, slidesOf, 4);
    expect([cut.slides.map((slide) => slide.key), cut.tabled.map((item) => item.name), cut.leftOut]).toEqual([["comparison-0", "batch-0", "batch-1"], ["comparison", "failed", "batch"], 3]);
    const whole = deckContents(items, slidesOf, 7);
    expect([whole.slides.length, whole.tabled.map((item) => item.name), whole.leftOut]).toEqual([5, ["comparison", "failed", "batch", "last"], 0]);
    // Nothing fits: no slide, and no line for what none of its slides shows.
    expect(deckContents(items, slidesOf, 1)).toEqual({ slides: [], tabled: [], leftOut: 7 });
  });

  it("a deck counts a picture on several slides once (an edit's input beside each result), kept and left out", () => {
    const slidesOf = (item: { readonly name: string; readonly slides: ReadonlyArray<readonly string[]> }) =>
      item.slides.map((ids, index) => ({ key: `${item.name}-${index}`, panels: ids.map((id) => ({ image: { id } })) }));
    const edit = { name: "edit", slides: [["in", "a"], ["in", "b"], ["in", "c"], ["in", "d"]] };
    const next = { name: "next", slides: [["in", "e"], ["f"], ["g", "h"]] };
    expect(deckContents([edit], slidesOf, 5)).toEqual({ slides: slidesOf(edit), tabled: [edit], leftOut: 0 });
    // In: the input and a to d (5); left out: e to h, the input not again.
    const cut = deckContents([edit, next], slidesOf, 5);
    expect([cut.slides.map((slide) => slide.key), cut.leftOut]).toEqual([["edit-0", "edit-1", "edit-2", "edit-3"], 4]);
  });
});
