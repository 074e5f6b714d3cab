import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generationView, gridView } from "@/test/generation-view";
import type { ComparisonView, GenerationView } from "../generation/view";
import { defaultRequest } from "../models/defaults";
import type { ModelId } from "../models/registry";
import type { GenerateRequest } from "../models/request-schema";
import { DEFAULT_GRID } from "../grid/grid-plan";
import type { GridRequest } from "../grid/grid-request";
import { rowProblems } from "../batch/batch-request";
import { rowsFromCsv } from "../batch/batch-rows";
import { toCsv } from "../batch/csv";
import type { EditRequest } from "../edit/edit-request";
import { captionWords, resultLines, resultTable, setEntries, zipImageName } from "./set-results";

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
  const grid = gridView(request, 7, () => ({ seed: 7 }));

  it("in English in the CSV and the zip, whose names outlive the page, and in the reader's language on a contact sheet", () => {
    expect(setEntries(grid).map((entry) => entry.name)).toEqual(["Model: Wan 2.6 · Seed: 7"]);
    expect(setEntries(grid, captionWords("zh")).map((entry) => entry.name)).toEqual(["模型：Wan 2.6 · 种子：7"]);
  });
});

describe("an edit in the files (the CSV, the zip's manifests)", () => {
  const request: EditRequest = { model: "qwen-image-edit-plus", input: { id: "in", width: 3000, height: 400 }, size: null, prompt: "make the sky stormy", negativePrompt: "", n: 1, seed: 5, promptExtend: true, watermark: false };
  const input = { id: "in", width: 3000, height: 400, src: "/api/images/in", thumbSrc: "/api/images/in/thumb", from: null };
  const result = (id: string, width: number, height: number) => ({ id, width, height, revisedPrompt: "", src: "", thumbSrc: "", downloadSrc: `/api/images/${id}/download` });
  const edited = generationView({ id: "e", status: "succeeded", seed: 5, request, input, images: [result("r", 2048, 512)] });
  const fromText = generationView({ id: "t", status: "succeeded", seed: 3, images: [result("w", 1280, 1280)], request: { ...defaultRequest("wan2.6-t2i"), prompt: "a fox" } });
  const again = generationView({ ...edited, id: "e2", request: { ...request, prompt: "make it night" }, images: [result("r2", 2048, 512)] });
  const entries = [
    { name: "1 · Qwen-Image Edit Plus", generation: edited },
    { name: "2 · Wan 2.6", generation: fromText },
    { name: "3 · Qwen-Image Edit Plus", generation: again },
  ];

  it("say it is one: its input by id, size, file and link, its size as sent (none: it followed the input), the result's own in its column", () => {
    const lines = resultLines(entries, "http://localhost");
    expect(lines.map((line) => [JSON.parse(String(line.settings)), line.size, line.input_file, line.input_url])).toEqual([
      [{ size: null, n: 1, prompt_extend: true, watermark: false, input: { id: "in", width: 3000, height: 400 } }, "2048*512", "images/001_input.png", "http://localhost/api/images/in"],
      [{ size: "1280*1280", n: 1, prompt_extend: true, watermark: false }, "1280*1280", null, null],
      // Started from the same input: the zip holds it once, under the first edit's number.
      [{ size: null, n: 1, prompt_extend: true, watermark: false, input: { id: "in", width: 3000, height: 400 } }, "2048*512", "images/001_input.png", "http://localhost/api/images/in"],
    ]);
  });

  it("read back into the Batch form, refuse an edit's line, which no batch can run, and take the rest as they ran", () => {
    const defaults = { model: "qwen-image", aspect: "1:1", n: 1, seed: null, promptExtend: false, watermark: false } as const;
    const rows = rowsFromCsv(toCsv(resultTable(resultLines(entries, "http://localhost"))), defaults);
    expect(rowProblems(rows).map((problem) => problem.message)).toEqual([
      "Line 2: It is an edit of an input image, and a batch makes images from text: remove this line.",
      "Line 4: It is an edit of an input image, and a batch makes images from text: remove this line.",
    ]);
    expect(rows[1]?.request).toMatchObject({ model: "wan2.6-t2i", prompt: "a fox", width: 1280, height: 1280, seed: 3 });
  });
});
