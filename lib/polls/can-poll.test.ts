import { describe, expect, it } from "vitest";
import { generationView } from "@/test/generation-view";
import { toBatchRequest } from "../batch/batch-request";
import type { CompareRequest } from "../compare/compare-request";
import type { ComparisonColumn, ComparisonView, GenerationView } from "../generation/view";
import { DEFAULT_GRID } from "../grid/grid-plan";
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

  it("not while anything of it runs or waits, not a grid without a model axis, never a batch", () => {
    expect(canPoll(set(models, ["succeeded", "running"]))).toBe(false);
    expect(canPoll(set(models, ["queued", "succeeded"]))).toBe(false);
    expect(canPoll(set({ ...DEFAULT_GRID, axes: [{ type: "seed", values: [1, 2] }] }, ["succeeded", "succeeded"]))).toBe(false);
    expect(canPoll(set(toBatchRequest("rows", "lines", []), ["succeeded"]))).toBe(false);
  });
});
