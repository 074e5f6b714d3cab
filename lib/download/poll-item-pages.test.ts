import { describe, expect, it } from "vitest";
import type { ItemResult } from "../polls/poll-results";
import type { DeckPage } from "./deck";
import { pollItemPages } from "./poll-item-pages";

const MODELS = ["qwen-image", "qwen-image-plus", "wan2.6-t2i", "wan2.5-t2i-preview", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12"];
const item = (count: number): ItemResult => ({
  prompt: "A red fox in the snow",
  candidates: MODELS.slice(0, count).map((model, index) => ({ model, imageId: `image-${index}`, picks: index })),
  ties: 1,
  bad: 2,
});
const pictures = (pages: readonly DeckPage[]) => pages.flatMap((page) => (page.kind === "pictures" ? [page] : []));

describe("a poll's items as slides", () => {
  it("puts an item of 12 models on 3 slides of 4, in order, each saying which part of its item it is", () => {
    const slides = pictures(pollItemPages([item(2), item(12)], "en"));
    expect(slides.map((slide) => slide.panels.length)).toEqual([2, 4, 4, 4]);
    expect(slides.flatMap((slide) => slide.panels.map((panel) => panel.image?.id))).toEqual([0, 1, ...MODELS.keys()].map((index) => `image-${index}`));
    expect(slides.map((slide) => slide.footer)).toEqual([
      "Comparison 1 · Ties: 1 · all bad: 2",
      "Comparison 2, part 1 of 3 · Ties: 1 · all bad: 2",
      "Comparison 2, part 2 of 3 · Ties: 1 · all bad: 2",
      "Comparison 2, part 3 of 3 · Ties: 1 · all bad: 2",
    ]);
    // Each part's notes still hold every model's count of its item.
    for (const slide of slides.slice(1)) expect(slide.notes.split("\n\n")).toHaveLength(1 + 12 + 1);
    expect(pictures(pollItemPages([item(12)], "zh"))[2]?.footer).toBe("第 1 组（第 3 页，共 3 页） · 平局：1 · 都不好：2");
  });

  it("heads an item of a grid's place with its prompt and where it was made, in the deck's language, and an item of a comparison with its prompt alone", () => {
    const fromGrid: ItemResult = { ...item(2), place: [{ axis: "seed", value: 7 }, { axis: "promptExtend", value: false }] };
    const [grid, comparison] = pictures(pollItemPages([fromGrid, item(2)], "en"));
    expect(grid?.heading).toBe("A red fox in the snow — Seed: 7 · Prompt rewriting: Off");
    expect(grid?.notes.split("\n\n")[0]).toBe("A red fox in the snow — Seed: 7 · Prompt rewriting: Off");
    expect(comparison?.heading).toBe("A red fox in the snow");
    expect(pictures(pollItemPages([fromGrid], "zh"))[0]?.heading).toBe("A red fox in the snow — 种子：7 · 提示词改写：关");
  });
});
