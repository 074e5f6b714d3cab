import { describe, expect, it } from "vitest";
import type { Poll, PollVote } from "./poll";
import { itemResults, pairwiseVotes, pollResults } from "./poll-results";

const poll: Poll = {
  id: "p",
  token: "t",
  createdAt: 0,
  title: "Which?",
  reveal: "after_vote",
  access: "link",
  closedAt: null,
  items: [
    { prompt: "a fox", candidates: [{ generationId: "g1", imageId: "i1", model: "A" }, { generationId: "g2", imageId: "i2", model: "B" }] },
    { prompt: "an owl", candidates: [{ generationId: "g3", imageId: "i3", model: "A" }, { generationId: "g4", imageId: "i4", model: "B" }] },
  ],
  leftOut: [],
};
const vote = (item: number, voter: string, choice: PollVote["choice"]): PollVote => ({ pollId: "p", item, voter, choice, createdAt: 0 });

describe("a poll's results", () => {
  it("rank by the picks and ties; all-bad votes are counted but rank no one", () => {
    const votes = [vote(0, "v1", { kind: "pick", model: "A" }), vote(1, "v1", { kind: "tie" }), vote(0, "v2", { kind: "bad" }), vote(1, "v2", { kind: "pick", model: "A" })];
    expect(pairwiseVotes([poll], votes)).toEqual([
      { models: ["A", "B"], winner: "A" },
      { models: ["A", "B"], winner: null },
      { models: ["A", "B"], winner: "A" },
    ]);
    const generations = new Map([
      ["g1", { durationMs: 1000, billedImages: 1, images: 1 }],
      ["g2", { durationMs: 4000, billedImages: 1, images: 1 }],
      ["g3", { durationMs: 3000, billedImages: null, images: 2 }],
      ["g4", { durationMs: null, billedImages: 0, images: 0 }],
    ]);
    const results = pollResults([poll], votes, generations, (model, images) => (model === "A" ? 0.02 : 0.03) * images);
    expect(results.ranking.map((entry) => entry.model)).toEqual(["A", "B"]);
    expect(results.allBad).toBe(1);
    expect(results.voters).toBe(2);
    expect(results.confident).toBe(false);
    expect(itemResults(poll, votes)).toEqual([
      { prompt: "a fox", candidates: [{ model: "A", imageId: "i1", picks: 1 }, { model: "B", imageId: "i2", picks: 0 }], ties: 0, bad: 1 },
      { prompt: "an owl", candidates: [{ model: "A", imageId: "i3", picks: 1 }, { model: "B", imageId: "i4", picks: 0 }], ties: 1, bad: 0 },
    ]);
    expect(results.facts).toEqual([
      { model: "A", medianMs: 2000, images: 3, cost: 0.06 },
      { model: "B", medianMs: 4000, images: 1, cost: 0.03 },
    ]);
  });
});
