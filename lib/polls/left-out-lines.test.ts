import { describe, expect, it } from "vitest";
import { generationView } from "@/test/generation-view";
import type { CompareRequest } from "../compare/compare-request";
import type { ComparisonColumn, ComparisonView, GenerationView, ImageView } from "../generation/view";
import { DEFAULT_GRID, planGrid } from "../grid/grid-plan";
import { defaultRequest } from "../models/defaults";
import { MESSAGES } from "../i18n/messages";
import { keptLeftOutLines, keptLeftOutRows, leftOutLines } from "./left-out-lines";
import { keptLeftOut, pollItems } from "./poll-items";

type Outcome = GenerationView["status"] | "image";
const column = (model: string, prompt: string, outcome: Outcome, index: number): ComparisonColumn => ({
  generation: generationView({
    id: `g${index}`,
    status: outcome === "image" ? "succeeded" : outcome,
    request: { ...defaultRequest(model as "wan2.6-t2i"), prompt },
    // Only an image's id is read.
    images: outcome === "image" ? [{ id: `i${index}` } as ImageView] : [],
  }) as ComparisonColumn["generation"],
  notes: [],
});

const comparison = (outcomes: readonly Outcome[], blind = false): ComparisonView => {
  const request: CompareRequest = { models: ["wan2.6-t2i", "qwen-image", "qwen-image-max"], prompt: "A lighthouse on a cliff", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 3, promptExtend: true, watermark: false, blind };
  return { kind: "comparison", id: "c", createdAt: 0, request, seed: 3, starred: false, revealed: false, columns: outcomes.map((outcome, index) => column(request.models[index] ?? "", request.prompt, outcome, index)) };
};

/** Two models by the seeds 7 and 8; `outcome` says how each cell ended, by its model and seed. */
const grid = (outcome: (model: string, seed: number) => Outcome): ComparisonView => {
  const request = { ...DEFAULT_GRID, prompt: "A kite", axes: [{ type: "model", values: ["wan2.6-t2i", "qwen-image"] }, { type: "seed", values: [7, 8] }] } as typeof DEFAULT_GRID;
  const columns = planGrid(request, 1).cells.map((cell, index) => {
    const model = ["wan2.6-t2i", "qwen-image"][cell.at[0] ?? 0] ?? "";
    return column(model, "A kite", outcome(model, [7, 8][cell.at[1] ?? 0] ?? 0), index);
  });
  return { kind: "comparison", id: "g", createdAt: 0, request, seed: 1, starred: false, revealed: false, columns };
};

describe("what a poll of a set leaves out", () => {
  it("names a comparison's model that made no image, and says its item compares the others", () => {
    const set = comparison(["image", "image", "failed"]);
    expect(pollItems(set)[0]?.candidates.map((candidate) => candidate.model)).toEqual(["wan2.6-t2i", "qwen-image"]);
    expect(leftOutLines([set], MESSAGES.en)).toEqual(["“A lighthouse on a cliff”: Qwen-Image Max failed, so its item compares the other models only."]);
    expect(leftOutLines([set], MESSAGES.zh)).toEqual(["“A lighthouse on a cliff”：Qwen-Image Max 生成失败，这一组只比较其余模型。"]);
  });

  it("names a blind comparison's columns by their letters, as its card does", () => {
    expect(leftOutLines([comparison(["image", "cancelled", "failed"], true)], MESSAGES.en)).toEqual([
      "“A lighthouse on a cliff”: Model B was cancelled, Model C failed, so it is not in the poll (fewer than two images: nothing to compare).",
    ]);
  });

  it("says a grid's place with one image is not in the poll, by its place, and nothing of a set with every image", () => {
    const set = grid((model, seed) => (model === "qwen-image" && seed === 8 ? "failed" : "image"));
    expect(pollItems(set).map((item) => item.place)).toEqual([[{ axis: "seed", value: 7 }]]);
    expect(leftOutLines([set], MESSAGES.en)).toEqual(["“A kite” (Seed: 8): Qwen-Image failed, so it is not in the poll (fewer than two images: nothing to compare)."]);
    expect(leftOutLines([set], MESSAGES.zh)).toEqual(["“A kite”（种子：8）：Qwen-Image 生成失败，这一处不放入投票（不足两张图片，无从比较）。"]);
    expect(leftOutLines([grid(() => "image"), comparison(["image", "image", "image"])], MESSAGES.en)).toEqual([]);
  });

  it("is kept by model for the poll's report, which names a blind comparison's model, a grid's place, and the item that compares the others, in either language", () => {
    const blind = keptLeftOut(comparison(["image", "cancelled", "failed"], true), 0);
    expect(blind).toEqual([{ prompt: "A lighthouse on a cliff", missing: [{ model: "qwen-image", status: "cancelled" }, { model: "qwen-image-max", status: "failed" }], whole: true }]);
    expect(keptLeftOutLines(blind, MESSAGES.en)).toEqual([
      "“A lighthouse on a cliff”: Qwen-Image was cancelled, Qwen-Image Max failed, so it is not in the poll (fewer than two images: nothing to compare).",
    ]);
    // The grid's seed 8 gives no item; its seed 7 gives the poll's second (the first set's came first).
    const place = keptLeftOut(grid((model, seed) => (model === "qwen-image" && seed === 8 ? "failed" : "image")), 1);
    expect(keptLeftOutLines(place, MESSAGES.zh)).toEqual(["“A kite”（种子：8）：Qwen-Image 生成失败，这一处不放入投票（不足两张图片，无从比较）。"]);
    // A place that still compares the others is named by its item, as two of a poll's may share a prompt.
    const partial = keptLeftOut(comparison(["image", "failed", "image"]), 3);
    expect(partial).toEqual([{ prompt: "A lighthouse on a cliff", item: 3, missing: [{ model: "qwen-image", status: "failed" }], whole: false }]);
    expect(keptLeftOutLines(partial, MESSAGES.en)).toEqual(["“A lighthouse on a cliff”, Comparison 4: Qwen-Image failed, so its item compares the other models only."]);
    expect(keptLeftOutLines(partial, MESSAGES.zh)).toEqual(["“A lighthouse on a cliff”，第 4 组：Qwen-Image 生成失败，这一组只比较其余模型。"]);
    // A slide's table says the same in three columns.
    expect(keptLeftOutRows([...blind, ...place, ...partial], MESSAGES.en)).toEqual([
      ["“A lighthouse on a cliff”", "Qwen-Image was cancelled, Qwen-Image Max failed", "Not in the poll: fewer than two images, nothing to compare."],
      ["“A kite” (Seed: 8)", "Qwen-Image failed", "Not in the poll: fewer than two images, nothing to compare."],
      ["“A lighthouse on a cliff”, Comparison 4", "Qwen-Image failed", "Its item compares the other models only."],
    ]);
  });
});
