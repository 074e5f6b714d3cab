import { describe, expect, it } from "vitest";
import type { ComparisonView } from "@/lib/generation/view";
import { defaultRequest } from "@/lib/models/defaults";
import { generationView } from "@/test/generation-view";
import { heldGenerations, toPublicShare } from "./public-share";

describe("a share as its page receives it", () => {
  it("holds an edit's input picture but not the earlier steps of its chain nor the result the input came from", () => {
    const input = { id: "in1", width: 64, height: 64, src: "/api/inputs/in1", thumbSrc: "/api/inputs/in1/thumb", from: { generationId: "g0", imageId: "i0", prompt: "a private first try" } };
    const edit = generationView({ id: "g2", input, chain: [{ generationId: "g0", model: "wan2.6-t2i", prompt: "a private first try", exists: false }] });
    const shared = toPublicShare({ id: "s1", createdAt: 1, title: "One edit", items: [edit], missing: 0 }, new Set());
    expect(shared.items).toEqual([{ ...edit, chain: [], input: { ...input, from: null } }]);
    expect(shared.held).toBe(0);
    expect(JSON.stringify(shared)).not.toContain("a private first try");
  });

  it("holds back an image of an unrevealed blind comparison shared alone (a link made before such shares were refused), and nothing of it names its model", async () => {
    const comparison = (revealed: boolean) =>
      ({ kind: "comparison", id: "c1", revealed, request: { models: ["wan2.6-t2i", "qwen-image-max"], blind: true } }) as unknown as ComparisonView;
    const column = generationView({ id: "g-blind", comparisonId: "c1", request: { ...defaultRequest("qwen-image-max"), prompt: "a blind harbour" } });
    const plain = generationView({ id: "g-plain" });
    const share = { id: "s1", createdAt: 1, title: "Mixed", items: [column, plain], missing: 0 };
    const hidden = await heldGenerations({ getComparison: async () => comparison(false) }, share);
    const shared = toPublicShare(share, hidden);
    expect([shared.items.map((item) => item.id), shared.held]).toEqual([["g-plain"], 1]);
    expect(JSON.stringify(shared)).not.toContain("qwen-image-max");
    // Once revealed, or with its comparison deleted, it is shown as any generation.
    for (const found of [comparison(true), null]) {
      const shown = toPublicShare(share, await heldGenerations({ getComparison: async () => found }, share));
      expect([shown.items.map((item) => item.id), shown.held]).toEqual([["g-blind", "g-plain"], 0]);
    }
  });
});
