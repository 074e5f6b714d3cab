import { invert } from "./invert-matrix";

/**
 * A ranking of models from blind votes: each vote says which of the images shown was best (or that they
 * tied), and a Bradley-Terry model gives every model a strength such that P(a beats b) = s_a / (s_a + s_b).
 * Fitted by Hunter's MM iterations on the pairwise win counts (a tie is half a win each way) under a small
 * prior, with a 95% interval per model from the fit's curvature. Everything depends on the counts only, so
 * the order the votes came in changes nothing.
 */

/** One vote: the models it set side by side, and the one picked (null: a tie among them). */
export type PairwiseVote = { readonly models: readonly string[]; readonly winner: string | null };

export type PairTally = { readonly a: string; readonly b: string; readonly aWins: number; readonly bWins: number; readonly ties: number };

export type Ranked = {
  readonly model: string;
  /** Log-strength, centred on 0 across the models (differences are what mean something). */
  readonly score: number;
  /** 95% interval of the score. */
  readonly low: number;
  readonly high: number;
  /** Pairwise comparisons this model took part in, and the share it won (ties as halves). */
  readonly comparisons: number;
  readonly winRate: number;
};

/** Below these, the ranking is said to be too uncertain to go by. */
export const ENOUGH = { votes: 20, perModel: 10 } as const;

export type Leaderboard = {
  /** The models votes compared, best first. */
  readonly ranking: readonly Ranked[];
  /** The models no vote set beside another yet: they have no place. */
  readonly unranked: readonly string[];
  readonly pairs: readonly PairTally[];
  readonly votes: number;
  /**
   * The compared models in groups no vote ever set beside each other (one group when every model is linked to
   * every other through some chain of comparisons). Between groups the order says nothing: the prior alone
   * puts their averages level.
   */
  readonly groups: ReadonlyArray<readonly string[]>;
  /** False when there are too few votes, a model has too few comparisons, or the models fall into groups. */
  readonly confident: boolean;
};

/** Wins of each model over each other, indexed as `models` (a tie: half each way). */
const winsOf = (models: readonly string[], votes: readonly PairwiseVote[]): number[][] => {
  const index = new Map(models.map((model, at) => [model, at]));
  const wins = models.map(() => models.map(() => 0));
  for (const vote of votes) {
    const shown = [...new Set(vote.models)].flatMap((model) => index.get(model) ?? []);
    const winner = vote.winner === null ? null : index.get(vote.winner);
    for (const a of shown) {
      for (const b of shown) {
        if (a === b) continue;
        const row = wins[a] as number[];
        if (winner === null) row[b] = (row[b] ?? 0) + 0.5;
        else if (winner === a) row[b] = (row[b] ?? 0) + 1;
      }
    }
  }
  return wins;
};

const at = (matrix: readonly (readonly number[])[], i: number, j: number): number => matrix[i]?.[j] ?? 0;

/** Converged when no log-strength moves by more than this in a round. */
const TOLERANCE = 1e-10;
/** A bound the prior keeps far off (a chain of one-sided results converges slowest). */
const MAX_ROUNDS = 100_000;

/** Strengths (geometric mean 1) by Hunter's MM algorithm: s_i ← W_i / Σ_j n_ij / (s_i + s_j), until they settle. */
const fit = (wins: readonly (readonly number[])[], prior: number): number[] => {
  const count = wins.length;
  let strength: number[] = wins.map(() => 1);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = strength.map((own, a) => {
      let total = 0;
      let denominator = 0;
      for (let b = 0; b < count; b++) {
        if (a === b) continue;
        total += at(wins, a, b) + prior;
        denominator += (at(wins, a, b) + at(wins, b, a) + 2 * prior) / (own + (strength[b] ?? 1));
      }
      return denominator > 0 && total > 0 ? total / denominator : 1;
    });
    // Scale fixed by the geometric mean, so successive rounds compare.
    const mean = Math.exp(next.reduce((sum, value) => sum + Math.log(value), 0) / Math.max(1, count));
    const settled = next.map((value) => value / mean);
    const moved = settled.reduce((most, value, index) => Math.max(most, Math.abs(Math.log(value / (strength[index] ?? 1)))), 0);
    strength = settled;
    if (moved < TOLERANCE) break;
  }
  return strength;
};

/**
 * Strengths by model. A small prior (a quarter win against every other model each way) keeps a model that
 * won or lost everything finite; 0 gives the plain maximum-likelihood fit (which needs every model to have
 * won and lost something).
 */
export const fitStrengths = (models: readonly string[], votes: readonly PairwiseVote[], { prior = 0.25 } = {}): Map<string, number> => {
  const strength = fit(winsOf(models, votes), prior);
  return new Map(models.map((model, index) => [model, strength[index] ?? 1]));
};

/**
 * Each centred log-strength's standard error, from the inverse of the fit's information (the games, the
 * prior's among them, weighted by p(1 - p) at the fit: a Laplacian, inverted on the scores that sum to 0).
 * Where the votes are one-sided the information is small and the interval wide, as it should be: 30 wins
 * of 30 say one model is far better, not by how much.
 */
const standardErrors = (wins: readonly (readonly number[])[], strength: readonly number[], prior: number): number[] => {
  const count = strength.length;
  if (count < 2) return strength.map(() => 0);
  const information = strength.map((own, i) =>
    strength.map((other, j) => {
      if (i === j) return 0;
      const p = own / (own + other);
      return -(at(wins, i, j) + at(wins, j, i) + 2 * prior) * p * (1 - p);
    }),
  );
  information.forEach((row, i) => (row[i] = -row.reduce((sum, value) => sum + value, 0)));
  // Adding 1/k everywhere makes the Laplacian invertible without changing it on the sum-zero scores.
  const covariance = invert(information.map((row) => row.map((value) => value + 1 / count)));
  return strength.map((_, i) => Math.sqrt(Math.max(0, at(covariance, i, i) - 1 / count)));
};

/** The compared models in groups linked by comparisons, each group and the groups in `models`' order. */
const groupsOf = (models: readonly string[], wins: readonly (readonly number[])[]): string[][] => {
  const linked = (a: number, b: number) => at(wins, a, b) + at(wins, b, a) > 0;
  const indices = models.map((_, index) => index);
  const seen = new Set<number>();
  const groups: string[][] = [];
  for (const start of indices) {
    if (seen.has(start) || !indices.some((other) => linked(start, other))) continue;
    const group: number[] = [];
    const reach = [start];
    seen.add(start);
    for (let next = reach.pop(); next !== undefined; next = reach.pop()) {
      group.push(next);
      for (const other of indices) {
        if (seen.has(other) || !linked(next, other)) continue;
        seen.add(other);
        reach.push(other);
      }
    }
    groups.push(group.sort((x, y) => x - y).map((index) => models[index] ?? ""));
  }
  return groups;
};

/** z for a two-sided 95% interval. */
const Z95 = 1.959964;

/**
 * The leaderboard of `models` from `votes`: scores and intervals of the models compared, pairs, the groups the
 * comparisons link. A model no vote set beside another is left unranked: fitted, it would sit at the prior's
 * 0, and its unknown place would widen every other model's interval through the centring.
 */
export const leaderboard = (models: readonly string[], votes: readonly PairwiseVote[], { prior = 0.25 } = {}): Leaderboard => {
  const all = winsOf(models, votes);
  const pairs: PairTally[] = [];
  models.forEach((a, i) => {
    models.forEach((b, j) => {
      if (j <= i) return;
      const ties = votes.filter((vote) => vote.winner === null && vote.models.includes(a) && vote.models.includes(b)).length;
      pairs.push({ a, b, aWins: at(all, i, j) - ties / 2, bWins: at(all, j, i) - ties / 2, ties });
    });
  });
  const comparisonsOf = (model: string) => pairs.filter((pair) => pair.a === model || pair.b === model).reduce((sum, pair) => sum + pair.aWins + pair.bWins + pair.ties, 0);
  const kept = models.flatMap((model, index) => (comparisonsOf(model) > 0 ? [index] : []));
  const compared = kept.map((index) => models[index] ?? "");
  // The compared models' rows and columns of the wins already counted.
  const wins = kept.map((i) => kept.map((j) => at(all, i, j)));
  const strength = fit(wins, prior);
  const errors = standardErrors(wins, strength, prior);
  const ranking = compared
    .map((model, i): Ranked => {
      const comparisons = comparisonsOf(model);
      const won = compared.reduce((sum, _, j) => sum + at(wins, i, j), 0);
      const score = Math.log(strength[i] ?? 1);
      const margin = Z95 * (errors[i] ?? 0);
      return { model, score, low: score - margin, high: score + margin, comparisons, winRate: won / comparisons };
    })
    .sort((x, y) => y.score - x.score || x.model.localeCompare(y.model));
  const groups = groupsOf(compared, wins);
  const board = { ranking, unranked: models.filter((model) => !compared.includes(model)), pairs, votes: votes.length, groups };
  return { ...board, confident: !tooFewVotes(board) && groups.length <= 1 };
};

/**
 * What the votes lack to go by, each need apart so it can be named: fewer votes than ENOUGH, and the models
 * compared fewer times than ENOUGH each (a model never compared: 0), in the ranking's order.
 */
export const shortfall = ({ votes, unranked, ranking }: Pick<Leaderboard, "votes" | "unranked" | "ranking">) => ({
  votes: votes < ENOUGH.votes,
  models: [
    ...ranking.flatMap(({ model, comparisons }) => (comparisons < ENOUGH.perModel ? [{ model, comparisons }] : [])),
    ...unranked.map((model) => ({ model, comparisons: 0 })),
  ],
});

/** Too few votes to go by: fewer than ENOUGH, a model never compared, or one compared too seldom. */
export const tooFewVotes = (board: Pick<Leaderboard, "votes" | "unranked" | "ranking">): boolean => {
  const short = shortfall(board);
  return short.votes || short.models.length > 0;
};
