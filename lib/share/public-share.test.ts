import { describe, expect, it } from "vitest";
import { generationView } from "@/test/generation-view";
import { toPublicShare } from "./public-share";

describe("a share as its page receives it", () => {
  it("holds an edit's input picture but not the earlier steps of its chain nor the result the input came from", () => {
    const input = { id: "in1", width: 64, height: 64, src: "/api/inputs/in1", thumbSrc: "/api/inputs/in1/thumb", from: { generationId: "g0", imageId: "i0", prompt: "a private first try" } };
    const edit = generationView({ id: "g2", input, chain: [{ generationId: "g0", model: "wan2.6-t2i", prompt: "a private first try", exists: false }] });
    const shared = toPublicShare({ id: "s1", createdAt: 1, title: "One edit", items: [edit], missing: 0 });
    expect(shared.items).toEqual([{ ...edit, chain: [], input: { ...input, from: null } }]);
    expect(JSON.stringify(shared)).not.toContain("a private first try");
  });
});
