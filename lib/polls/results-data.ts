import "server-only";
import { getHistory } from "../history";
import { notFound } from "../http/responses";
import { getPrices } from "../pricing/env";
import { imageCost } from "../pricing/prices";
import { itemResults, pollResults, type ItemResult, type PollResults } from "./poll-results";
import type { Poll } from "./poll";
import { pollSummary, type PollSummary } from "./poll-summary";

/** The results of one poll, or of every poll of this deployment, with what the generations they showed took and cost. */
/** Open, and showing the models only once closed. */
const holdsItems = (poll: Poll): boolean => poll.reveal === "on_close" && poll.closedAt === null;

/**
 * A poll that shows the models only once closed keeps its votes out of every ranking while open: a voter who
 * may open this page (behind the same gate) would otherwise read which model a letter was from the counts
 * that moved, or see each item's images under their models. `held` says that some were kept out.
 * One poll's items are its images under their models' names: while a poll that shows the models only once
 * closed is open, they are held back (its voters may open this page too, behind the same gate), and `held` says so.
 */
export const loadResults = async (
  pollId: string | null,
): Promise<{ polls: Poll[]; summaries: PollSummary[]; results: PollResults; items: ItemResult[]; held: boolean }> => {
  const { store } = await getHistory();
  const polls = pollId === null ? await store.polls() : [await store.getPoll(pollId)].flatMap((poll) => (poll ? [poll] : []));
  if (pollId !== null && polls.length === 0) throw notFound("This poll");
  const votes = (await store.pollVotes(pollId ?? undefined)).filter((vote) => polls.some((poll) => poll.id === vote.pollId));
  // As the polls keep them: a comparison deleted since takes nothing from its polls' results.
  const kept = await store.pollImages(polls.flatMap((poll) => poll.items.flatMap((item) => item.candidates.map((candidate) => candidate.imageId))));
  const generations = new Map(kept.map((image) => [image.generationId, { durationMs: image.durationMs, billedImages: image.billedImages, images: image.generationImages }] as const));
  const prices = getPrices();
  const shown = polls.filter((poll) => !holdsItems(poll));
  const counted = votes.filter((vote) => shown.some((poll) => poll.id === vote.pollId));
  return {
    polls,
    summaries: polls.map((poll) => pollSummary(poll, votes.filter((vote) => vote.pollId === poll.id))),
    results: pollResults(shown, counted, generations, (model, images) => imageCost(prices, model, images)),
    // One poll's report shows each item with its votes; every poll's board shows the ranking alone.
    items: pollId === null ? [] : shown.flatMap((poll) => itemResults(poll, counted)),
    held: shown.length < polls.length,
  };
};
