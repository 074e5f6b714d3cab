import { describe, expect, it } from "vitest";
import type { ComparisonView } from "@/lib/generation/view";
import { defaultRequest } from "@/lib/models/defaults";
import { generationView } from "@/test/generation-view";
import { hiddenAlone } from "@/lib/compare/hidden-column";
import { toPublicShare } from "./public-share";

describe("a share as its page receives it", () => {
  it("holds an edit's input picture but not the earlier steps of its chain nor the result the input came from", () => {
    const input = { id: "in1", width: 64, height: 64, src: "/api/inputs/in1", thumbSrc: "/api/inputs/in1/thumb", from: { generationId: "g0", imageId: "i0", prompt: "a private first try" } };
    const edit = generationView({ id: "g2", input, chain: [{ generationId: "g0", model: "wan2.6-t2i", prompt: "a private first try", exists: false }] });
    const shared = toPublicShare({ id: "s1", createdAt: 1, title: "One edit", items: [edit], missing: 0 }, new Set());
    expect(shared.items).toEqual([{ ...edit, chain: [], input: { ...input, from: null } }]);
    expect(shared.held).toBe(0);
    expect(JSON.stringify(shared)).not.toContain("a private first try");
  });

  it("holds back a column of an unrevealed blind comparison shared alone (a link made before such shares were refused), and nothing of it names its model", async () => {
    const comparison = (revealed: boolean) =>
      ({ kind: "comparison", id: "c1", revealed, request: { models: ["wan2.6-t2i", "qwen-image-max"], blind: true }, columns: [] }) as unknown as ComparisonView;
    const column = (id: string) => generationView({ id, comparisonId: "c1", request: { ...defaultRequest("qwen-image-max"), prompt: "a blind harbour" } });
    const plain = generationView({ id: "g-plain" });
    const share = { id: "s1", createdAt: 1, title: "Mixed", items: [column("g-blind"), plain, column("g-blind-2")], missing: 0 };
    let reads = 0;
    const store = (found: ComparisonView) => ({
      getComparison: async () => {
        reads += 1;
        return found;
      },
    });
    const shared = toPublicShare(share, await hiddenAlone(store(comparison(false)), share.items));
    expect([shared.items.map((item) => item.id), shared.held, reads]).toEqual([["g-plain"], 2, 1]);
    expect(JSON.stringify(shared)).not.toContain("qwen-image-max");
    // Beside its own comparison a column is not alone; once revealed it is shown as any generation.
    expect(await hiddenAlone(store(comparison(false)), [comparison(false), column("g-blind")])).toEqual(new Set());
    const revealed = toPublicShare(share, await hiddenAlone(store(comparison(true)), share.items));
    expect([revealed.items.map((item) => item.id), revealed.held]).toEqual([["g-blind", "g-plain", "g-blind-2"], 0]);
  });
});
