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
    const board = leaderboard(["A", "B", "C"], [{ models: ["A", "B", "C"], winner: "A" }, { models: ["B", "C"], winner: null }]);
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

  it("gives the plain fit's interval: of two models, the centred score's standard error is half of √(1/a + 1/b)", () => {
    const board = leaderboard(["A", "B"], votes("A", "B", 30, 10), { prior: 0 });
    const [first] = board.ranking;
    expect(first?.score).toBeCloseTo(Math.log(3) / 2, 9);
    const margin = 1.959964 * (Math.sqrt(1 / 30 + 1 / 10) / 2);
    expect(first?.high).toBeCloseTo((first?.score ?? 0) + margin, 6);
    expect(first?.low).toBeCloseTo((first?.score ?? 0) - margin, 6);
  });

  it("keeps one-sided votes uncertain: 30 wins of 30 give a wide interval, not one of no width", () => {
    const board = leaderboard(["A", "B"], votes("A", "B", 30, 0));
    const [first] = board.ranking;
    expect(first?.score).toBeCloseTo(Math.log(30.25 / 0.25) / 2, 6);
    expect((first?.high ?? 0) - (first?.low ?? 0)).toBeGreaterThan(3);
    expect(first?.low).toBeGreaterThan(0);
  });

  it("settles a chain of one-sided results: each model's wins (with the prior's) equal its expected wins", () => {
    const models = ["A", "B", "C", "D"];
    const table = [...votes("A", "B", 50, 0), ...votes("B", "C", 50, 0), ...votes("C", "D", 50, 0)];
    const s = fitStrengths(models, table);
    const games = (i: string, j: string) => table.filter((vote) => vote.models.includes(i) && vote.models.includes(j)).length + 0.5;
    for (const i of models) {
      const won = table.filter((vote) => vote.winner === i).length + 0.25 * (models.length - 1);
      const expected = models.filter((j) => j !== i).reduce((sum, j) => sum + (games(i, j) * (s.get(i) ?? 0)) / ((s.get(i) ?? 0) + (s.get(j) ?? 0)), 0);
      expect(expected).toBeCloseTo(won, 6);
    }
  });

  it("leaves a model no vote compared unranked, and says when the votes split the models into groups never set side by side", () => {
    const board = leaderboard(["A", "B", "C", "D", "E"], [...votes("A", "B", 18, 2), ...votes("C", "D", 11, 9)]);
    expect(board.unranked).toEqual(["E"]);
    expect(board.ranking.map((entry) => entry.model)).toEqual(["A", "C", "D", "B"]);
    expect(board.groups).toEqual([["A", "B"], ["C", "D"]]);
    expect(board.confident).toBe(false);
    // Joined by one vote between the groups (and E left out), the same counts are one group.
    const joined = leaderboard(["A", "B", "C", "D"], [...votes("A", "B", 18, 2), ...votes("C", "D", 11, 9), ...votes("B", "C", 1, 0)]);
    expect(joined.groups).toEqual([["A", "B", "C", "D"]]);
    expect(joined.confident).toBe(true);
  });

  it("property: the fit and its intervals do not depend on the order the votes came in", () => {
    const vote = fc.record({ models: fc.uniqueArray(fc.constantFrom("A", "B", "C", "D"), { minLength: 2, maxLength: 4 }), pick: fc.nat(4), tie: fc.boolean() }).map(
      ({ models, pick, tie }): PairwiseVote => ({ models, winner: tie ? null : (models[pick % models.length] ?? null) }),
    );
    fc.assert(
      fc.property(fc.array(vote, { minLength: 1, maxLength: 25 }).chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))), ([list, shuffled]) => {
        const first = leaderboard(["A", "B", "C", "D"], list);
        const second = leaderboard(["A", "B", "C", "D"], shuffled);
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
