import { describe, expect, it } from "vitest";
import type { ComparisonView } from "@/lib/generation/view";
import { defaultRequest } from "@/lib/models/defaults";
import { generationView } from "@/test/generation-view";
import { hiddenAlone } from "@/lib/compare/hidden-column";
import { inputOrigin } from "@/lib/edit/input-origin";
import { MESSAGES } from "@/lib/i18n/messages";
import { toPublicShare } from "./public-share";

describe("a share as its page receives it", () => {
  it("holds an edit's input picture, and that it was a result, but not the earlier steps of its chain nor which result it was", () => {
    const upload = { id: "in0", width: 64, height: 64, src: "/api/inputs/in0", thumbSrc: "/api/inputs/in0/thumb", from: null };
    const input = { ...upload, id: "in1", from: { generationId: "g0", imageId: "i0", prompt: "a private first try" } };
    const edit = generationView({ id: "g2", input, chain: [{ generationId: "g0", model: "wan2.6-t2i", prompt: "a private first try", exists: false }] });
    const uploaded = generationView({ id: "g3", input: upload });
    const shared = toPublicShare({ id: "s1", createdAt: 1, title: "Two edits", items: [edit, uploaded], missing: 0 }, new Set());
    expect(shared.items).toEqual([
      { ...edit, chain: [], input: { ...input, from: null, fromHistory: true } },
      { ...uploaded, input: { ...upload, fromHistory: false } },
    ]);
    expect(shared.held).toBe(0);
    for (const secret of ["a private first try", "g0", "i0"]) expect(JSON.stringify(shared)).not.toContain(`"${secret}"`);
    // The page says where each input came from in the viewer's language, and of the result no more than that.
    const origins = (locale: "en" | "zh") => shared.items.flatMap((item) => (item.kind === "generation" && item.input ? [inputOrigin(item.input, MESSAGES[locale].edit.card)] : []));
    expect(origins("en")).toEqual(["64*64, a result from the history", "64*64, uploaded"]);
    expect(origins("zh")).toEqual(["64*64，历史记录中的结果", "64*64，上传的图片"]);
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
