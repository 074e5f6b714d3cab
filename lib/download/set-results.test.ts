import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generationView } from "@/test/generation-view";
import type { ComparisonView, GenerationView } from "../generation/view";
import { defaultRequest } from "../models/defaults";
import type { ModelId } from "../models/registry";
import type { GenerateRequest } from "../models/request-schema";
import { DEFAULT_GRID, planGrid } from "../grid/grid-plan";
import type { GridRequest } from "../grid/grid-request";
import { captionWords, resultLines, setEntries, zipImageName } from "./set-results";

describe("the names of a zip's images", () => {
  it("sort in the set's order however many generations it has, past 999 too", () => {
    const generation = generationView({ seed: 7, images: [{ id: "i", width: 8, height: 8, revisedPrompt: "", src: "", thumbSrc: "", downloadSrc: "" }] });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70_000 }), fc.integer({ min: 0, max: 69_999 }), (count, at) => {
        const position = at % count;
        const names = [0, position, count - 1].map((place) => zipImageName(place, count, { name: "Wan 2.6", generation }, 0));
        expect([...names].sort()).toEqual(names);
        expect(new Set(names.map((name) => /^images\/(\d+)_/.exec(name)?.[1]?.length)).size).toBe(1);
      }),
    );
    // As they always were for a set of fewer than a thousand.
    expect(zipImageName(4, 12, { name: "Wan 2.6", generation }, 0)).toMatch(/^images\/005_/);
    expect(zipImageName(999, 1000, { name: "Wan 2.6", generation }, 0)).toMatch(/^images\/1000_/);
    expect(zipImageName(8, 1000, { name: "Wan 2.6", generation }, 0)).toMatch(/^images\/0009_/);
  });
});

describe("a comparison's columns in its files (the CSV, the zip, the contact sheet)", () => {
  const made = (id: string, model: ModelId): GenerationView<GenerateRequest> => ({
    ...generationView({ id, status: "succeeded", seed: 3, images: [{ id: `${id}-image`, width: 8, height: 8, revisedPrompt: "", src: "", thumbSrc: "", downloadSrc: `/api/images/${id}-image/download` }] }),
    request: { ...defaultRequest(model), prompt: "a paper lantern" },
  });
  const comparison = (blind: boolean): ComparisonView => ({
    kind: "comparison",
    id: "c",
    createdAt: 0,
    request: { models: ["qwen-image", "wan2.6-t2i"], prompt: "a paper lantern", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 3, promptExtend: true, watermark: false, blind },
    seed: 3,
    starred: false,
    revealed: true,
    columns: [
      { generation: made("a", "qwen-image"), notes: [] },
      { generation: made("b", "wan2.6-t2i"), notes: [] },
    ],
  });

  it("go by letter and model once a blind one is revealed, as its card names them, each image's file name keeping the letter", () => {
    const entries = setEntries(comparison(true));
    expect(entries.map((entry) => entry.name)).toEqual(["A · Qwen-Image", "B · Wan 2.6"]);
    expect(resultLines(entries, "http://localhost").map((line) => [line.item, line.file])).toEqual([
      ["A · Qwen-Image", "images/001_A_qwen-image_seed3_a-paper-lantern.png"],
      ["B · Wan 2.6", "images/002_B_wan2.6-t2i_seed3_a-paper-lantern.png"],
    ]);
  });

  it("go by model alone outside blind mode, the files by the model's id as a single download's name", () => {
    const entries = setEntries(comparison(false));
    expect(resultLines(entries, "http://localhost").map((line) => [line.item, line.file])).toEqual([
      ["Qwen-Image", "images/001_qwen-image_seed3_a-paper-lantern.png"],
      ["Wan 2.6", "images/002_wan2.6-t2i_seed3_a-paper-lantern.png"],
    ]);
  });
});

describe("a grid's cells named in its files", () => {
  const request: GridRequest = { ...DEFAULT_GRID, prompt: "一只红色的狐狸在雪地里 a red fox in snow", axes: [{ type: "model", values: ["wan2.6-t2i"] }, { type: "seed", values: [7] }] };
  const grid: ComparisonView = {
    kind: "comparison",
    id: "grid",
    createdAt: 0,
    request,
    seed: 7,
    starred: false,
    revealed: false,
    columns: planGrid(request, 7).cells.map((cell, index) => ({ generation: { ...generationView({ id: `g${index}`, seed: 7 }), request: cell.request }, notes: [] })),
  };

  it("in English in the CSV and the zip, whose names outlive the page, and in the reader's language on a contact sheet", () => {
    expect(setEntries(grid).map((entry) => entry.name)).toEqual(["Model: Wan 2.6 · Seed: 7"]);
    expect(setEntries(grid, captionWords("zh")).map((entry) => entry.name)).toEqual(["模型：Wan 2.6 · 种子：7"]);
  });
});
