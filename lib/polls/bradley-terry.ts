import { createRandom } from "../random/seeded-random";

/**
 * A ranking of models from blind votes: each vote says which of the images shown was best (or that they
 * tied), and a Bradley-Terry model gives every model a strength such that P(a beats b) = s_a / (s_a + s_b).
 * Fitted by Hunter's MM iterations on the pairwise win counts (a tie is half a win each way), with a
 * confidence interval per model from a bootstrap over the votes. Everything depends on the counts only, so
 * the order the votes came in changes nothing.
 */

/** One vote: the models it set side by side, and the one picked (null: a tie among them). */
export type PairwiseVote = { readonly models: readonly string[]; readonly winner: string | null };

export type PairTally = { readonly a: string; readonly b: string; readonly aWins: number; readonly bWins: number; readonly ties: number };

export type Ranked = {
  readonly model: string;
  /** Log-strength, centred on 0 across the models (differences are what mean something). */
  readonly score: number;
  /** 95% bootstrap interval of the score. */
  readonly low: number;
  readonly high: number;
  /** Pairwise comparisons this model took part in, and the share it won (ties as halves). */
  readonly comparisons: number;
  readonly winRate: number;
};

/** Below these, the ranking is said to be too uncertain to go by. */
export const ENOUGH = { votes: 20, perModel: 10 } as const;

export type Leaderboard = {
  readonly ranking: readonly Ranked[];
  readonly pairs: readonly PairTally[];
  readonly votes: number;
  /** False when there are too few votes, or a model has too few comparisons, to rank with confidence. */
  readonly confident: boolean;
};

type Wins = Map<string, Map<string, number>>;

/** Wins of each model over each other (a tie: half each), from the votes. */
const winsOf = (votes: readonly PairwiseVote[]): Wins => {
  const wins: Wins = new Map();
  const add = (winner: string, loser: string, amount: number) => {
    const row = wins.get(winner) ?? new Map<string, number>();
    row.set(loser, (row.get(loser) ?? 0) + amount);
    wins.set(winner, row);
  };
  for (const vote of votes) {
    const models = [...new Set(vote.models)];
    for (const a of models) {
      for (const b of models) {
        if (a === b) continue;
        if (vote.winner === null) add(a, b, 0.5);
        else if (vote.winner === a) add(a, b, 1);
      }
    }
  }
  return wins;
};

const won = (wins: Wins, a: string, b: string) => wins.get(a)?.get(b) ?? 0;

/**
 * Strengths by Hunter's MM algorithm: s_i ← W_i / Σ_j n_ij / (s_i + s_j). A small prior (a quarter win
 * against every other model each way) keeps a model that won or lost everything finite; 0 gives the
 * plain maximum-likelihood fit.
 */
export const fitStrengths = (models: readonly string[], votes: readonly PairwiseVote[], { iterations = 500, prior = 0.25 } = {}): Map<string, number> => {
  const wins = winsOf(votes);
  let strength = new Map(models.map((model) => [model, 1]));
  for (let round = 0; round < iterations; round++) {
    const next = new Map<string, number>();
    for (const a of models) {
      let total = 0;
      let denominator = 0;
      for (const b of models) {
        if (a === b) continue;
        const games = won(wins, a, b) + won(wins, b, a) + 2 * prior;
        total += won(wins, a, b) + prior;
        denominator += games / ((strength.get(a) ?? 1) + (strength.get(b) ?? 1));
      }
      next.set(a, denominator > 0 ? total / denominator : 1);
    }
    // Scale fixed by the geometric mean, so successive rounds compare.
    const mean = Math.exp(models.reduce((sum, model) => sum + Math.log(next.get(model) ?? 1), 0) / Math.max(1, models.length));
    strength = new Map(models.map((model) => [model, (next.get(model) ?? 1) / mean]));
  }
  return strength;
};

const quantile = (sorted: readonly number[], q: number): number => {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const lower = sorted[below] ?? 0;
  const upper = sorted[Math.min(sorted.length - 1, below + 1)] ?? lower;
  return lower + (upper - lower) * (position - below);
};

/** The leaderboard of `models` from `votes`: scores, bootstrap intervals (seeded: the same votes give the same board), pairs. */
export const leaderboard = (models: readonly string[], votes: readonly PairwiseVote[], { resamples = 200, seed = 1 } = {}): Leaderboard => {
  const scores = (sample: readonly PairwiseVote[]) => {
    const strength = fitStrengths(models, sample, { iterations: 200 });
    return new Map(models.map((model) => [model, Math.log(strength.get(model) ?? 1)]));
  };
  const point = scores(votes);
  const random = createRandom(seed);
  const draws = new Map(models.map((model) => [model, [] as number[]]));
  // Resampled in a canonical order (by content), so the intervals do not depend on the votes' order either.
  const canonical = [...votes].sort((x, y) => JSON.stringify([[...x.models].sort(), x.winner]).localeCompare(JSON.stringify([[...y.models].sort(), y.winner])));
  for (let round = 0; round < (votes.length > 0 ? resamples : 0); round++) {
    const sample = canonical.map(() => canonical[Math.floor(random() * canonical.length)] as PairwiseVote);
    for (const [model, score] of scores(sample)) draws.get(model)?.push(score);
  }
  const wins = winsOf(votes);
  const pairs: PairTally[] = [];
  for (const [index, a] of models.entries()) {
    for (const b of models.slice(index + 1)) {
      const tiesBoth = votes.filter((vote) => vote.winner === null && vote.models.includes(a) && vote.models.includes(b)).length;
      pairs.push({ a, b, aWins: won(wins, a, b) - tiesBoth / 2, bWins: won(wins, b, a) - tiesBoth / 2, ties: tiesBoth });
    }
  }
  const ranking = models
    .map((model): Ranked => {
      const sorted = [...(draws.get(model) ?? [])].sort((x, y) => x - y);
      const comparisons = pairs.filter((pair) => pair.a === model || pair.b === model).reduce((sum, pair) => sum + pair.aWins + pair.bWins + pair.ties, 0);
      const wonShare = models.reduce((sum, other) => sum + (other === model ? 0 : won(wins, model, other)), 0);
      const score = point.get(model) ?? 0;
      return { model, score, low: sorted.length > 0 ? quantile(sorted, 0.025) : score, high: sorted.length > 0 ? quantile(sorted, 0.975) : score, comparisons, winRate: comparisons > 0 ? wonShare / comparisons : 0 };
    })
    .sort((x, y) => y.score - x.score || x.model.localeCompare(y.model));
  return { ranking, pairs, votes: votes.length, confident: votes.length >= ENOUGH.votes && ranking.every((entry) => entry.comparisons >= ENOUGH.perModel) };
};
