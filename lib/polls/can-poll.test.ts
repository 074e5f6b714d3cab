import { describe, expect, it } from "vitest";
import { generationView } from "@/test/generation-view";
import { toBatchRequest } from "../batch/batch-request";
import type { CompareRequest } from "../compare/compare-request";
import type { ComparisonColumn, ComparisonView, GenerationView } from "../generation/view";
import { DEFAULT_GRID } from "../grid/grid-plan";
import { defaultRequest } from "../models/defaults";
import { canPoll } from "./can-poll";

const set = (request: ComparisonView["request"], statuses: ReadonlyArray<GenerationView["status"]>): ComparisonView => ({
  kind: "comparison",
  id: "s",
  createdAt: 0,
  request,
  seed: 1,
  starred: false,
  revealed: false,
  columns: statuses.map((status, index): ComparisonColumn => ({ generation: generationView({ id: `g${index}`, status }) as ComparisonColumn["generation"], notes: [] })),
});

const models: CompareRequest = { models: ["qwen-image", "wan2.6-t2i"], prompt: "a fox", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 3, promptExtend: true, watermark: false, blind: false };

describe("which sets can be made a poll", () => {
  it("a finished comparison of models, or a finished grid with a model axis", () => {
    expect(canPoll(set(models, ["succeeded", "failed"]))).toBe(true);
    expect(canPoll(set({ ...DEFAULT_GRID, axes: [{ type: "model", values: ["qwen-image", "wan2.6-t2i"] }] }, ["succeeded", "succeeded"]))).toBe(true);
  });

  it("not one made with the watermark across model families: its marks would tell voters the models apart", () => {
    const marked = (ids: readonly ["qwen-image" | "wan2.6-t2i" | "wan2.2-t2i-flash", "qwen-image" | "wan2.6-t2i" | "wan2.2-t2i-flash"]) => {
      const view = set({ ...models, models: [...ids], watermark: true }, ["succeeded", "succeeded"]);
      return { ...view, columns: view.columns.map((column, index) => ({ ...column, generation: { ...column.generation, request: { ...defaultRequest(ids[index] ?? "wan2.6-t2i"), watermark: true } } })) } as ComparisonView;
    };
    expect(canPoll(marked(["qwen-image", "wan2.6-t2i"]))).toBe(false);
    // One family, one mark: nothing told apart.
    expect(canPoll(marked(["wan2.2-t2i-flash", "wan2.6-t2i"]))).toBe(true);
  });

  it("not while anything of it runs or waits, not a grid without a model axis, never a batch", () => {
    expect(canPoll(set(models, ["succeeded", "running"]))).toBe(false);
    expect(canPoll(set(models, ["queued", "succeeded"]))).toBe(false);
    expect(canPoll(set({ ...DEFAULT_GRID, axes: [{ type: "seed", values: [1, 2] }] }, ["succeeded", "succeeded"]))).toBe(false);
    expect(canPoll(set(toBatchRequest("rows", "lines", []), ["succeeded"]))).toBe(false);
  });
});
