import { describe, expect, it } from "vitest";
import { generationView } from "@/test/generation-view";
import { defaultRequest } from "../models/defaults";
import { setCost } from "./set-cost";
import type { ComparisonView, GenerationView } from "./view";

/** A dollar a Wan image, two a Qwen one: the sums are easy to read. */
const costOf = (model: string, images: number) => images * (model.startsWith("qwen") ? 2 : 1);

const column = (model: "wan2.6-t2i" | "qwen-image", patch: Partial<GenerationView>) => ({
  generation: generationView({ ...patch, request: { ...defaultRequest(model), prompt: "a fox", n: 2 } }),
  notes: [],
});

/** Two columns: a Wan one that failed at the gateway with no word of its bill, a Qwen one still running. */
const set = (request: object, earlierAttempts?: ComparisonView["earlierAttempts"]): ComparisonView =>
  ({
    kind: "comparison",
    id: "set",
    createdAt: 1,
    request,
    seed: 1,
    starred: false,
    revealed: false,
    columns: [column("wan2.6-t2i", { status: "failed", billedImages: null, seed: 1 }), column("qwen-image", { status: "running" })],
    ...(earlierAttempts && { earlierAttempts }),
  }) as unknown as ComparisonView;

const batch = { kind: "batch", prompt: "rows", rows: [] };
const blind = { models: ["wan2.6-t2i", "qwen-image"], prompt: "a fox", blind: true };

describe("a set's cost", () => {
  it("counts its columns: what each billed, or may have, or will at most while it runs", () => {
    expect(setCost(set(batch), costOf)).toEqual({ cost: 2 + 4, earlierImages: 0 });
  });

  it("keeps what the attempts its retries replaced billed or may have, each at its model's price, as today's spend does", () => {
    expect(setCost(set(batch, [{ model: "qwen-image", images: 1, attempts: 1 }, { model: "wan2.6-t2i", images: 2, attempts: 1 }]), costOf)).toEqual({ cost: 2 + 4 + 2 + 2, earlierImages: 3 });
  });

  it("prices a hidden blind comparison's images, earlier attempts' too, at its models' mean", () => {
    expect(setCost(set(blind, [{ model: "qwen-image", images: 2, attempts: 2 }]), costOf)).toEqual({ cost: (6 * 1 + 6 * 2) / 2, earlierImages: 2 });
  });
});
