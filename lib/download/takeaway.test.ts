import { describe, expect, it } from "vitest";
import { generationView } from "@/test/generation-view";
import type { ComparisonView, GenerationView } from "../generation/view";
import { defaultRequest } from "../models/defaults";
import type { ModelId } from "../models/registry";
import type { GenerateRequest } from "../models/request-schema";
import { numbered } from "./numbered-item";
import { FILE_WORDS } from "./set-results";
import { itemsOfGoneSets, leftOutNotes, TAKEAWAY_MAX_ITEMS, takeawayEntries, takeawaySource, takeawayTitle } from "./takeaway";

const none = { deleted: 0, pollGone: 0, blind: 0, more: false };

describe("what a download is asked for", () => {
  it("takes an item named twice once, where first named, as a share link does", () => {
    expect(takeawaySource(new URL("http://x/api/takeaway/zip?items=generation:a,comparison:b,generation:a,comparison:a"))).toEqual({
      kind: "selection",
      entries: [{ kind: "generation", id: "a" }, { kind: "comparison", id: "b" }, { kind: "comparison", id: "a" }],
    });
  });

  it("refuses two sources at once rather than take one of them without a word", () => {
    for (const query of ["items=generation:a&starred=1", "poll=p&items=generation:a", "starred=1&poll=p"]) {
      expect(() => takeawaySource(new URL(`http://x/api/takeaway/zip?${query}`))).toThrow(
        "Ask for one thing to download: ?items=generation:<id>,comparison:<id>, ?starred=1 or ?poll=<id>, not two of them.",
      );
    }
    expect(takeawaySource(new URL("http://x/api/takeaway/zip?starred=1&check=1"))).toEqual({ kind: "favourites" });
  });
});

describe("a poll's sets deleted since", () => {
  it("counts the poll's comparisons none of whose images comes from a set still there", () => {
    const of = (comparisonId: string | null) => ({ comparisonId });
    // A grid deleted since gave three items; one comparison is still there; a column of another was read while
    // its set went (its generation there, its set not).
    const items = [[null, null], [null, null], [null, null], [of("kept"), of("kept")], [of("going"), null]];
    expect(itemsOfGoneSets(items, new Set(["kept"]))).toBe(4);
    expect(itemsOfGoneSets(items, new Set(["kept", "going"]))).toBe(3);
  });

  it("says so in a poll's words, not as chosen items", () => {
    expect(leftOutNotes("en", { ...none, pollGone: 3 }, 0)).toEqual(["3 of the poll's comparisons are left out: each came from a set deleted since."]);
    expect(leftOutNotes("en", { ...none, pollGone: 1 }, 0)).toEqual(["1 of the poll's comparisons is left out: it came from a set deleted since."]);
    expect(leftOutNotes("en", { ...none, deleted: 2 }, 0)).toEqual(["2 chosen items were deleted since and are left out."]);
    expect(leftOutNotes("en", none, 0)).toEqual([]);
  });
});

describe("what a take-away's files say, in the interface's language", () => {
  const all = { deleted: 2, pollGone: 1, blind: 1, more: true };

  it("says what was left out in Chinese from the Chinese interface, and in English from the English one", () => {
    expect(leftOutNotes("zh", all, 3)).toEqual([
      "所选的 2 项已被删除，未包含在内。",
      "投票中有 1 组对比未包含在内：其来源的组已被删除。",
      "所选的 1 张图片来自尚未揭晓的盲测对比，未包含在内：单独展示会写出其模型。",
      "3 组尚未揭晓的盲测对比未包含在内：其文件会写出模型名称。",
      `这里只有最新的 ${TAKEAWAY_MAX_ITEMS} 项收藏。`,
    ]);
    expect(leftOutNotes("en", all, 1)).toEqual([
      "2 chosen items were deleted since and are left out.",
      "1 of the poll's comparisons is left out: it came from a set deleted since.",
      "1 chosen image of a blind comparison not yet revealed is left out: alone, it would name its model.",
      "1 blind comparison not yet revealed is left out: its files would name the models.",
      `Only the newest ${TAKEAWAY_MAX_ITEMS} favourites are here.`,
    ]);
  });

  it("titles a selection or the favourites in the interface's language; a poll by its own title", () => {
    const items = (count: number) => numbered(Array.from({ length: count }, () => generationView()));
    expect(takeawayTitle("zh", { kind: "selection", title: null, items: items(3) })).toBe("历史记录中的 3 项");
    expect(takeawayTitle("zh", { kind: "favourites", title: null, items: items(2) })).toBe("收藏");
    expect(takeawayTitle("en", { kind: "selection", title: null, items: items(1) })).toBe("1 item from the history");
    expect(takeawayTitle("en", { kind: "favourites", title: null, items: items(2) })).toBe("Favourites");
    expect(takeawayTitle("zh", { kind: "poll", title: "Which teapot?", items: items(1) })).toBe("Which teapot?");
  });
});

describe("a take-away's zip, CSV and contact sheet", () => {
  const made = (id: string, model: ModelId): GenerationView<GenerateRequest> => ({ ...generationView({ id, status: "succeeded", seed: 3 }), request: { ...defaultRequest(model), prompt: "a paper lantern" } });
  const blind = (revealed: boolean): ComparisonView => ({
    kind: "comparison",
    id: revealed ? "shown" : "hidden",
    createdAt: 0,
    request: { models: ["qwen-image", "wan2.6-t2i"], prompt: "a paper lantern", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 3, promptExtend: true, watermark: false, blind: true },
    seed: 3,
    starred: false,
    revealed,
    columns: [
      { generation: made("a", "qwen-image"), notes: [] },
      { generation: made("b", "wan2.6-t2i"), notes: [] },
    ],
  });

  it("name a revealed blind comparison's columns by letter and model, as its card does, and leave out one not yet revealed", () => {
    const { entries, hidden } = takeawayEntries(numbered([made("single", "wan2.6-t2i"), blind(false), blind(true)]), FILE_WORDS);
    expect(entries.map((entry) => entry.name)).toEqual(["1 · Wan 2.6", "3 · A · Qwen-Image", "3 · B · Wan 2.6"]);
    expect(hidden).toBe(1);
  });

  it("keep each item's number in the selection, whatever was left out before it", () => {
    const { entries } = takeawayEntries([
      { item: made("second", "wan2.6-t2i"), number: 2 },
      { item: blind(true), number: 4 },
    ], FILE_WORDS);
    expect(entries.map((entry) => entry.name)).toEqual(["2 · Wan 2.6", "4 · A · Qwen-Image", "4 · B · Wan 2.6"]);
    expect(entries.map((entry) => entry.place)).toEqual(["002", "004.1", "004.2"]);
  });
});
