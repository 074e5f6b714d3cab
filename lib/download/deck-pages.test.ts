import { describe, expect, it } from "vitest";
import type { ComparisonView, GenerationView } from "../generation/view";
import { DEFAULT_GRID, planGrid } from "../grid/grid-plan";
import type { BatchRequest } from "../batch/batch-request";
import type { EditRequest } from "../edit/edit-request";
import type { GridRequest } from "../grid/grid-request";
import { defaultRequest } from "../models/defaults";
import type { ModelId } from "../models/registry";
import type { GenerateRequest } from "../models/request-schema";
import type { DeckPage } from "./deck";
import { historyDeckPages } from "./deck-pages";
import { numbered } from "./numbered-item";
import { generationView } from "@/test/generation-view";

const image = (id: string, revisedPrompt: string) => ({ id, width: 10, height: 10, revisedPrompt, src: `/full/${id}`, thumbSrc: `/thumb/${id}`, downloadSrc: "" });

const made = (id: string, model: ModelId, revisedPrompt: string, negativePrompt = ""): GenerationView<GenerateRequest> => ({
  ...generationView({ id, status: "succeeded", finishedAt: 1, seed: 3, images: [image(`${id}-image`, revisedPrompt)] }),
  request: { ...defaultRequest(model), prompt: "a paper lantern", negativePrompt },
});

const comparison = (blind: boolean, negativePrompt = ""): ComparisonView => ({
  kind: "comparison",
  id: "c",
  createdAt: 0,
  request: { models: ["qwen-image", "wan2.6-t2i"], prompt: "a paper lantern", negativePrompt, aspect: "1:1", perModel: 1, seed: 3, promptExtend: true, watermark: false, blind },
  seed: 3,
  starred: false,
  revealed: false,
  columns: [
    { generation: made("a", "qwen-image", "A paper lantern, rewritten by Qwen", negativePrompt), notes: [] },
    { generation: made("b", "wan2.6-t2i", "A paper lantern, rewritten by Wan", negativePrompt), notes: [] },
  ],
});

const pictures = (pages: readonly DeckPage[]) => pages.flatMap((page) => (page.kind === "pictures" ? [page] : []));
const table = (pages: readonly DeckPage[]) => pages.flatMap((page) => (page.kind === "table" ? [page] : []))[0];

describe("a deck of history items", () => {
  it("says a blind comparison's revised prompts wait for the reveal, rather than that none came back", () => {
    const [slide] = pictures(historyDeckPages(numbered([comparison(true)]), "en", 300).pages);
    expect(slide?.panels.map((panel) => [panel.label, panel.detail?.lead, panel.detail?.text])).toEqual([
      ["Model A", "Revised prompt: ", "hidden until the reveal"],
      ["Model B", "Revised prompt: ", "hidden until the reveal"],
    ]);
    expect(slide?.notes).toContain("Model A · Revised prompt: hidden until the reveal");
    expect(slide?.notes).not.toMatch(/No revised prompt|rewritten by/);
    // Revealed, or in the open, each has its own.
    const [open] = pictures(historyDeckPages(numbered([comparison(false)]), "en", 300).pages);
    expect(open?.panels.map((panel) => panel.detail?.text)).toEqual(["A paper lantern, rewritten by Qwen", "A paper lantern, rewritten by Wan"]);
  });

  it("captions no place a picture never filled: a model that made fewer images than another says so, and nothing of a revised prompt", () => {
    const two = comparison(false);
    const [first] = two.columns;
    if (!first) throw new Error("no column");
    const more = { ...first.generation, images: [image("a-1", "A paper lantern, rewritten by Qwen"), image("a-2", "A paper lantern, rewritten by Qwen")] };
    const item: ComparisonView = { ...two, columns: [{ ...first, generation: more }, ...two.columns.slice(1)] };
    const second = pictures(historyDeckPages(numbered([item]), "en", 300).pages)[1];
    expect(second?.panels.map((panel) => [panel.label, panel.image?.id ?? null, panel.missing, panel.detail?.text ?? null])).toEqual([
      ["Qwen-Image", "a-2", null, "A paper lantern, rewritten by Qwen"],
      ["Wan 2.6", null, "No image 2 from this model.", null],
    ]);
    expect(second?.notes.split("\n\n").slice(1)).toEqual(["Qwen-Image · Revised prompt: A paper lantern, rewritten by Qwen", "Wan 2.6 · No image 2 from this model."]);
  });

  it("names a blind comparison's columns in its settings by letter, and once revealed by letter and model", () => {
    const models = (item: ComparisonView) => table(historyDeckPages(numbered([item]), "en", 300).pages)?.rows.map((row) => row[1]);
    expect(models(comparison(true))).toEqual(["Model A", "Model B"]);
    expect(models({ ...comparison(true), revealed: true })).toEqual(["A · Qwen-Image", "B · Wan 2.6"]);
    expect(models(comparison(false))).toEqual(["Qwen-Image", "Wan 2.6"]);
  });

  it("writes its captions' separator in the interface's language", () => {
    const { pages } = historyDeckPages(numbered([made("g", "wan2.6-t2i", "", "模糊")]), "zh", 300);
    const [slide] = pictures(pages);
    expect(slide?.panels[0]?.detail).toEqual({ lead: "改写后的提示词：", text: "未返回改写后的提示词。" });
    expect(slide?.notes.split("\n\n")).toEqual(["提示词：a paper lantern", "反向提示词：模糊", "Wan 2.6 · 改写后的提示词：未返回改写后的提示词。"]);
    expect(slide?.notes).not.toContain(": ");
  });

  it("holds each negative prompt: in the notes (once when the panels share it) and in the settings table", () => {
    const { pages } = historyDeckPages(numbered([comparison(false, "blurry, low quality"), made("g", "wan2.6-t2i", "")]), "en", 300);
    const [compared, single] = pictures(pages);
    expect(compared?.notes.split("\n\n").filter((line) => line.includes("Negative prompt"))).toEqual(["Negative prompt: blurry, low quality"]);
    expect(single?.notes).not.toContain("Negative prompt");
    const settings = table(pages);
    expect(settings?.columns.at(-1)).toBe("Negative prompt");
    expect(settings?.rows.map((row) => [row[0], row.at(-1)])).toEqual([
      ["1.1", "blurry, low quality"],
      ["1.2", "blurry, low quality"],
      ["2", ""],
    ]);
  });

  it("names a batch's rows by their lines, as its card, CSV and contact sheet do: in its settings and under its pictures", () => {
    const generations = [made("r2", "wan2.6-t2i", "A fox, rewritten"), made("r3", "qwen-image", "A hare, rewritten")];
    const request: BatchRequest = { kind: "batch", prompt: "Animals", source: "lines", rows: generations.map((generation, index) => ({ line: index + 2, request: generation.request })) };
    const batch: ComparisonView = { kind: "comparison", id: "batch", createdAt: 0, request, seed: 3, starred: false, revealed: false, columns: generations.map((generation) => ({ generation, notes: [] })) };
    const { pages } = historyDeckPages(numbered([made("g", "wan2.6-t2i", ""), batch]), "en", 300);
    expect(table(pages)?.rows.map((row) => row[0])).toEqual(["1", "2 · Line 2", "2 · Line 3"]);
    expect(pictures(pages).map((slide) => slide.panels.map((panel) => panel.label))).toEqual([["Wan 2.6"], ["Line 2 · Wan 2.6"], ["Line 3 · Qwen-Image"]]);
    const zh = historyDeckPages(numbered([batch]), "zh", 300).pages;
    expect(table(zh)?.rows.map((row) => row[0])).toEqual(["1 · 第 2 行", "1 · 第 3 行"]);
    expect(pictures(zh)[1]?.panels[0]?.label).toBe("第 3 行 · Qwen-Image");
  });

  it("shows an edit as its card does: said to be one, its input beside each result, its size as asked in the settings", () => {
    const request: EditRequest = { model: "qwen-image-edit-plus", input: { id: "in", width: 3000, height: 400 }, size: null, prompt: "make the sky stormy", negativePrompt: "", n: 1, seed: 5, promptExtend: true, watermark: false };
    const input = { id: "in", width: 3000, height: 400, src: "/full/in", thumbSrc: "/thumb/in", from: null };
    const edited = generationView({ id: "e", status: "succeeded", finishedAt: 1, seed: 5, request, input, images: [{ ...image("r", "a stormy sky"), width: 2048, height: 512 }] });
    const sized = generationView({ ...edited, id: "s", request: { ...request, size: { width: 1024, height: 512 } } });
    const { pages } = historyDeckPages(numbered([edited, sized]), "en", 300);
    const [slide] = pictures(pages);
    expect(slide?.heading).toBe("Edit: make the sky stormy");
    expect(slide?.panels.map((panel) => [panel.label, panel.image?.id, panel.detail?.lead, panel.detail?.text])).toEqual([
      ["Before", "in", "Input: ", "3000*400, uploaded"],
      ["After · Qwen-Image Edit Plus", "r", "Revised prompt: ", "a stormy sky"],
    ]);
    expect(slide?.notes.split("\n\n")).toEqual(["Prompt: make the sky stormy", "Before · Input: 3000*400, uploaded", "After · Qwen-Image Edit Plus · Revised prompt: a stormy sky"]);
    // It sent no size: the settings say so, not the size the model picked (2048*512); one that sent a size says that.
    expect(table(pages)?.rows.map((row) => row[2])).toEqual(["following the input", "1024*512"]);
    const zh = historyDeckPages(numbered([edited]), "zh", 300).pages;
    expect(pictures(zh)[0]?.heading).toBe("编辑：make the sky stormy");
    expect(pictures(zh)[0]?.panels.map((panel) => [panel.label, panel.detail?.lead, panel.detail?.text])).toEqual([
      ["编辑前", "输入：", "3000*400，上传的图片"],
      ["编辑后 · Qwen-Image Edit Plus", "改写后的提示词：", "a stormy sky"],
    ]);
    expect(table(zh)?.rows[0]?.[2]).toBe("跟随输入图片");
  });

  it("names a grid's cells in its settings by their values, as the other files do: two cells may differ only in a variable's value", () => {
    const request: GridRequest = { ...DEFAULT_GRID, prompt: "a {red|golden} kite", axes: [{ type: "variables", mode: "all", count: 2, pickSeed: 0 }, { type: "seed", values: [7, 8] }] };
    const columns = planGrid(request, 1).cells.map((cell, index) => ({ generation: { ...made(`g${index}`, "wan2.6-t2i", ""), request: cell.request }, notes: [] }));
    const grid: ComparisonView = { kind: "comparison", id: "grid", createdAt: 0, request, seed: 1, starred: false, revealed: false, columns };
    const rows = table(historyDeckPages(numbered([grid]), "en", 300).pages)?.rows ?? [];
    expect(rows.map((row) => row[0])).toEqual(["1 · Prompt variables: red · Seed: 7", "1 · Prompt variables: golden · Seed: 7", "1 · Prompt variables: red · Seed: 8", "1 · Prompt variables: golden · Seed: 8"]);
  });

  it("leaves a grid row across negative prompts to its panels' names, which say them", () => {
    const request: GridRequest = { ...DEFAULT_GRID, prompt: "a fox", axes: [{ type: "negative", values: ["", "blurry"] }] };
    const columns = planGrid(request, 1).cells.map((cell, index) => ({ generation: { ...made(`g${index}`, "wan2.6-t2i", ""), request: cell.request }, notes: [] }));
    const grid: ComparisonView = { kind: "comparison", id: "grid", createdAt: 0, request, seed: 1, starred: false, revealed: false, columns };
    const [slide] = pictures(historyDeckPages(numbered([grid]), "en", 300).pages);
    expect(slide?.notes.split("\n\n")).toEqual([
      "Prompt: a fox",
      "Negative prompt: (none) · Revised prompt: No revised prompt returned.",
      "Negative prompt: blurry · Revised prompt: No revised prompt returned.",
    ]);
  });
});
