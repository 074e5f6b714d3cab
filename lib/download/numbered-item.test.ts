import { describe, expect, it } from "vitest";
import { gridView } from "@/test/generation-view";
import type { ComparisonView } from "../generation/view";
import { DEFAULT_GRID } from "../grid/grid-plan";
import type { GridRequest } from "../grid/grid-request";
import { pollItems } from "../polls/poll-items";
import { pollNumbered } from "./numbered-item";

describe("a poll's sets numbered for its files", () => {
  // Three models at seeds 7, 11 and 13: at 11 the first model failed; at 13 only the first made an image.
  const request: GridRequest = { ...DEFAULT_GRID, prompt: "A red fox", axes: [{ type: "model", values: ["wan2.6-t2i", "qwen-image", "wan2.2-t2i-flash"] }, { type: "seed", values: [7, 11, 13] }] };
  const made = (index: number) => index < 3 || index === 4 || index === 5 || index === 6;
  const grid = gridView(request, 7, (index) => ({
    status: made(index) ? "succeeded" : "failed",
    images: made(index) ? [{ id: `i${index}`, width: 8, height: 8, revisedPrompt: "", src: "", thumbSrc: "", downloadSrc: "" }] : [],
  }));
  const before = { prompt: "A kite", candidates: [{ generationId: "kite-a", imageId: "ka", model: "qwen-image" }, { generationId: "kite-b", imageId: "kb", model: "wan2.6-t2i" }] };

  it("number a grid's cells by the poll's comparison their place is, one that failed too, as the poll's Results page does", () => {
    const items = [before, ...pollItems(grid)];
    // The kite is comparison 1 (its set deleted since); the grid's seeds 7 and 11 are 2 and 3; 13 made too few images to be one.
    expect(items).toHaveLength(3);
    const [numbered] = pollNumbered([grid], items);
    expect(numbered?.number).toBe(2);
    expect(grid.columns.map(({ generation }) => numbered?.columns?.get(generation.id))).toEqual([2, 2, 2, 3, 3, 3, 2, 2, 2]);
  });

  it("number a set none of whose columns the poll shows (it changed between the two reads) past the poll's comparisons, never Infinity", () => {
    const items = [before, ...pollItems(grid)];
    const changed: ComparisonView = { ...grid, id: "changed", columns: grid.columns.map(({ generation }, index) => ({ generation: { ...generation, id: `new${index}` }, notes: [] })) };
    const [, first, second] = pollNumbered([grid, changed, { ...changed, id: "changed-too" }], items);
    expect([first?.number, second?.number]).toEqual([4, 5]);
    expect(new Set(first?.columns?.values())).toEqual(new Set([4]));
  });
});
