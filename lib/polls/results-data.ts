import "server-only";
import { getHistory } from "../history";
import { notFound } from "../http/responses";
import { getPrices } from "../pricing/env";
import { imageCost } from "../pricing/prices";
import { itemResults, pollResults, type ItemResult, type PollResults } from "./poll-results";
import type { Poll } from "./poll";

/** The results of one poll, or of every poll of this deployment, with the generations they showed. */
export const loadResults = async (pollId: string | null): Promise<{ polls: Poll[]; results: PollResults; items: ItemResult[] }> => {
  const { store } = await getHistory();
  const polls = pollId === null ? await store.polls() : [await store.getPoll(pollId)].flatMap((poll) => (poll ? [poll] : []));
  if (pollId !== null && polls.length === 0) throw notFound("This poll");
  const votes = (await store.pollVotes(pollId ?? undefined)).filter((vote) => polls.some((poll) => poll.id === vote.pollId));
  const ids = [...new Set(polls.flatMap((poll) => poll.items.flatMap((item) => item.candidates.map((candidate) => candidate.generationId))))];
  const generations = new Map(
    (await Promise.all(ids.map((id) => store.get(id)))).flatMap((generation) =>
      generation ? [[generation.id, { durationMs: generation.durationMs, billedImages: generation.billedImages, images: generation.images.length }] as const] : [],
    ),
  );
  const prices = getPrices();
  return {
    polls,
    results: pollResults(polls, votes, generations, (model, images) => imageCost(prices, model, images)),
    // One poll's report shows each item with its votes; every poll's board shows the ranking alone.
    items: pollId === null ? [] : polls.flatMap((poll) => itemResults(poll, votes)),
  };
};
