import { median } from "../generation/typical-time";
import { leaderboard, type Leaderboard, type PairwiseVote } from "./bradley-terry";
import type { Poll, PollPlace, PollVote } from "./poll";

/**
 * A poll's votes (or every poll's) as a leaderboard: the Bradley-Terry ranking of the models, and beside it
 * what each model cost and how fast it was here, from the generations the polls showed.
 */

/** Each vote as models set side by side and the one picked (a tie: none); "all bad" ranks no one. */
export const pairwiseVotes = (polls: readonly Poll[], votes: readonly PollVote[]): PairwiseVote[] => {
  const byId = new Map(polls.map((poll) => [poll.id, poll]));
  return votes.flatMap((vote): PairwiseVote[] => {
    const item = byId.get(vote.pollId)?.items[vote.item];
    if (!item || vote.choice.kind === "bad") return [];
    return [{ models: item.candidates.map((candidate) => candidate.model), winner: vote.choice.kind === "pick" ? vote.choice.model : null }];
  });
};

export type ModelFacts = {
  readonly model: string;
  /** Median time the gateway took for this model's polled images, in ms; null without a finished one. */
  readonly medianMs: number | null;
  /** Images billed for them, and what that cost by the deployment's prices (an estimate). */
  readonly images: number;
  readonly cost: number;
};

/** One item of a poll with the votes it got: each model's image and picks, the ties and the all-bad votes. */
export type ItemResult = {
  readonly prompt: string;
  readonly place?: PollPlace;
  readonly candidates: ReadonlyArray<{ readonly model: string; readonly imageId: string; readonly picks: number }>;
  readonly ties: number;
  readonly bad: number;
};

export const itemResults = (poll: Poll, votes: readonly PollVote[]): ItemResult[] =>
  poll.items.map((item, index) => {
    const mine = votes.filter((vote) => vote.pollId === poll.id && vote.item === index);
    return {
      prompt: item.prompt,
      ...(item.place && { place: item.place }),
      candidates: item.candidates.map((candidate) => ({
        model: candidate.model,
        imageId: candidate.imageId,
        picks: mine.filter((vote) => vote.choice.kind === "pick" && vote.choice.model === candidate.model).length,
      })),
      ties: mine.filter((vote) => vote.choice.kind === "tie").length,
      bad: mine.filter((vote) => vote.choice.kind === "bad").length,
    };
  });

export type PollResults = Leaderboard & {
  readonly facts: readonly ModelFacts[];
  /** Votes that found every image bad: counted, ranking no one. */
  readonly allBad: number;
  readonly voters: number;
};

export const pollResults = (
  polls: readonly Poll[],
  votes: readonly PollVote[],
  generations: ReadonlyMap<string, { readonly durationMs: number | null; readonly billedImages: number | null; readonly images: number }>,
  cost: (model: string, images: number) => number,
): PollResults => {
  const models = [...new Set(polls.flatMap((poll) => poll.items.flatMap((item) => item.candidates.map((candidate) => candidate.model))))].sort();
  const facts = models.map((model): ModelFacts => {
    const ids = [...new Set(polls.flatMap((poll) => poll.items.flatMap((item) => item.candidates.filter((candidate) => candidate.model === model).map((candidate) => candidate.generationId))))];
    const runs = ids.flatMap((id) => generations.get(id) ?? []);
    const times = runs.flatMap((run) => (run.durationMs === null ? [] : [run.durationMs]));
    const images = runs.reduce((sum, run) => sum + (run.billedImages ?? run.images), 0);
    return { model, medianMs: times.length > 0 ? Math.round(median(times)) : null, images, cost: cost(model, images) };
  });
  return {
    ...leaderboard(models, pairwiseVotes(polls, votes)),
    facts,
    allBad: votes.filter((vote) => vote.choice.kind === "bad").length,
    voters: new Set(votes.map((vote) => `${vote.pollId}\u0000${vote.voter}`)).size,
  };
};
