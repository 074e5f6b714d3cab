import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ENOUGH, fitStrengths, leaderboard, type PairwiseVote } from "./bradley-terry";

const votes = (a: string, b: string, aWins: number, bWins: number): PairwiseVote[] => [
  ...Array.from({ length: aWins }, () => ({ models: [a, b], winner: a })),
  ...Array.from({ length: bWins }, () => ({ models: [a, b], winner: b })),
];

describe("Bradley-Terry", () => {
  it("of two models is the odds of their votes: 3 wins to 1 is a strength ratio of 3", () => {
    const strength = fitStrengths(["A", "B"], votes("A", "B", 3, 1), { prior: 0 });
    expect((strength.get("A") ?? 0) / (strength.get("B") ?? 1)).toBeCloseTo(3, 6);
  });

  it("matches the maximum-likelihood fit of a fixed table: each model's wins equal its expected wins", () => {
    // A beats B 3-1, B beats C 3-1, A and C 2-2.
    const table = [...votes("A", "B", 3, 1), ...votes("B", "C", 3, 1), ...votes("A", "C", 2, 2)];
    const s = fitStrengths(["A", "B", "C"], table, { prior: 0 });
    const expected = (i: string, j: string, games: number) => (games * (s.get(i) ?? 0)) / ((s.get(i) ?? 0) + (s.get(j) ?? 0));
    expect(expected("A", "B", 4) + expected("A", "C", 4)).toBeCloseTo(5, 6);
    expect(expected("B", "A", 4) + expected("B", "C", 4)).toBeCloseTo(4, 6);
    expect(expected("C", "A", 4) + expected("C", "B", 4)).toBeCloseTo(3, 6);
    // By hand: swapping A and C and every outcome gives the same table, so B = 1 and C = 1/A (the scale is fixed
    // by the geometric mean); A's equation is then 4a/(a + 1) + 4a²/(a² + 1) = 5, whose root is a = 1.409178.
    expect(s.get("B")).toBeCloseTo(1, 6);
    expect(s.get("A")).toBeCloseTo(1.409178, 5);
    expect(s.get("C")).toBeCloseTo(1 / 1.409178, 5);
  });

  it("counts a vote among several as a win over each of the others, and a tie as half each way", () => {
    const board = leaderboard(["A", "B", "C"], [{ models: ["A", "B", "C"], winner: "A" }, { models: ["B", "C"], winner: null }], { resamples: 0 });
    expect(board.pairs).toEqual([
      { a: "A", b: "B", aWins: 1, bWins: 0, ties: 0 },
      { a: "A", b: "C", aWins: 1, bWins: 0, ties: 0 },
      { a: "B", b: "C", aWins: 0, bWins: 0, ties: 1 },
    ]);
    expect(board.ranking[0]?.model).toBe("A");
    expect(board.confident).toBe(false);
  });

  it("says when it is confident: enough votes, enough for each model, intervals around each score", () => {
    const table = [...votes("A", "B", 30, 10), ...votes("B", "C", 25, 15), ...votes("A", "C", 32, 8)];
    const board = leaderboard(["A", "B", "C"], table);
    expect(board.votes).toBeGreaterThanOrEqual(ENOUGH.votes);
    expect(board.confident).toBe(true);
    expect(board.ranking.map((entry) => entry.model)).toEqual(["A", "B", "C"]);
    for (const entry of board.ranking) expect(entry.low).toBeLessThanOrEqual(entry.score), expect(entry.high).toBeGreaterThanOrEqual(entry.score);
    expect(board.ranking[0]?.winRate).toBeCloseTo(62 / 80, 6);
  });

  it("property: the fit and its intervals do not depend on the order the votes came in", () => {
    const vote = fc.record({ models: fc.uniqueArray(fc.constantFrom("A", "B", "C", "D"), { minLength: 2, maxLength: 4 }), pick: fc.nat(4), tie: fc.boolean() }).map(
      ({ models, pick, tie }): PairwiseVote => ({ models, winner: tie ? null : (models[pick % models.length] ?? null) }),
    );
    fc.assert(
      fc.property(fc.array(vote, { minLength: 1, maxLength: 25 }).chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))), ([list, shuffled]) => {
        const first = leaderboard(["A", "B", "C", "D"], list, { resamples: 20 });
        const second = leaderboard(["A", "B", "C", "D"], shuffled, { resamples: 20 });
        expect(second.pairs).toEqual(first.pairs);
        second.ranking.forEach((entry, index) => {
          const other = first.ranking[index];
          expect(entry.model).toBe(other?.model);
          expect(entry.score).toBeCloseTo(other?.score ?? 0, 9);
          expect(entry.low).toBeCloseTo(other?.low ?? 0, 9);
          expect(entry.high).toBeCloseTo(other?.high ?? 0, 9);
        });
      }),
      { numRuns: 30 },
    );
  });
});
