import { describe, expect, it } from "vitest";
import { MESSAGES } from "../i18n/messages";
import type { PollResults } from "./poll-results";
import { rankingNotes, rankingRows } from "./ranking-rows";

const t = MESSAGES.en.leaderboard;
const entry = (model: string, score: number) => ({ model, score, low: score - 1, high: score + 1, comparisons: 12, winRate: 0.5 });
const results = (over: Partial<PollResults>): PollResults => ({
  ranking: [],
  unranked: [],
  pairs: [],
  votes: 40,
  groups: [],
  confident: true,
  facts: [],
  allBad: 0,
  voters: 4,
  ...over,
});

describe("the leaderboard's rows", () => {
  it("give models level to the shown decimals one rank, listed by name, and list a model never compared last without a rank", () => {
    // qwen-image is "Qwen-Image", wan2.6-t2i "Wan 2.6": the ids sort the other way round from the names.
    const rows = rankingRows(
      results({ ranking: [entry("qwen-image-max", 0.5), entry("wan2.6-t2i", -0.251), entry("qwen-image", -0.249)], unranked: ["qwen-image-plus"] }),
      t,
      "CNY",
      "en",
    );
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ["1", "Qwen-Image Max", "0.50 (-0.50 … 1.50)"],
      ["2", "Qwen-Image", "-0.25 (-1.25 … 0.75)"],
      ["2", "Wan 2.6", "-0.25 (-1.25 … 0.75)"],
      ["—", "Qwen-Image Plus", "Not compared yet"],
    ]);
  });

  it("say why the order is not to be gone by: too few votes, a model not compared, groups never set side by side", () => {
    expect(rankingNotes(results({ ranking: [entry("A", 0), entry("B", 0)], groups: [["A", "B"]] }), t)).toEqual([]);
    expect(rankingNotes(results({ unranked: ["C"], groups: [["A", "B"]] }), t)).toHaveLength(1);
    expect(rankingNotes(results({ groups: [["wan2.6-t2i", "qwen-image"], ["qwen-image-max", "A"]] }), t)).toEqual([
      "No vote set these groups of models beside each other, so the order between the groups says nothing: Wan 2.6, Qwen-Image · Qwen-Image Max, A. Put them in one poll to rank them together.",
    ]);
  });

  it("say which of the ranking's needs is unmet, counting the votes as the line above them does", () => {
    // 24 votes, 2 of them "all bad": the 22 others are enough, one model's comparisons are not.
    const short = results({ votes: 22, allBad: 2, ranking: [entry("wan2.6-t2i", 0.2), { ...entry("qwen-image-2.0-pro", -0.2), comparisons: 7 }], groups: [["wan2.6-t2i", "qwen-image-2.0-pro"]] });
    expect(rankingNotes(short, t)).toEqual([
      "Too few votes to rank with confidence: each model needs 10 comparisons, and Qwen-Image 2.0 Pro has 7. Read the order below as a first impression, not a result.",
    ]);
    expect(rankingNotes(results({ votes: 3, allBad: 1, ranking: [entry("A", 0), entry("B", 0)], groups: [["A", "B"]] }), t)).toEqual([
      "Too few votes to rank with confidence: a ranking needs 20 votes that pick an image or call a tie; so far: 3 (besides 1 “all bad”: such a vote ranks no model). Read the order below as a first impression, not a result.",
    ]);
    expect(rankingNotes(results({ votes: 3, ranking: [{ ...entry("A", 0), comparisons: 3 }, { ...entry("B", 0), comparisons: 3 }], unranked: ["C"], groups: [["A", "B"]] }), t)).toEqual([
      "Too few votes to rank with confidence: a ranking needs 20 votes that pick an image or call a tie; so far: 3; each model needs 10 comparisons, and A has 3, B has 3, C has none yet. Read the order below as a first impression, not a result.",
    ]);
    expect(rankingNotes(short, MESSAGES.zh.leaderboard)).toEqual(["票数太少，无法可靠排名：每个模型至少需要参与 10 次比较，而 Qwen-Image 2.0 Pro 只有 7 次。下面的顺序只能作为初步印象。"]);
  });
});
