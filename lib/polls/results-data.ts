import "server-only";
import { getHistory } from "../history";
import { notFound } from "../http/responses";
import { getPrices } from "../pricing/env";
import { imageCost } from "../pricing/prices";
import { itemResults, pollResults, type ItemResult, type PollResults } from "./poll-results";
import { pollImageIds, type Poll, type PollLeftOut } from "./poll";
import { countVotes, pollSummary, type PollSummary } from "./poll-summary";

/** Open, and showing the models only once closed: its votes are kept out of every ranking until then. */
const holdsRanking = (poll: Poll): boolean => poll.reveal === "on_close" && poll.closedAt === null;

/**
 * The results of one poll, or of every poll of this deployment, with what the generations they showed took and
 * cost. A voter may open this page too (it is behind the same gate), so while a poll is open:
 * - one that shows the models only once closed keeps its votes out of every ranking, where the counts that moved
 *   would tell which model a letter was (`held`);
 * - every poll keeps back its items, its images under their models' names, which would tell a voter the models
 *   of an item before voting it, whatever the poll reveals after each vote (`itemsHeld`).
 */
export const loadResults = async (
  pollId: string | null,
): Promise<{ polls: Poll[]; summaries: PollSummary[]; results: PollResults; items: ItemResult[]; leftOut: PollLeftOut[]; held: boolean; itemsHeld: boolean }> => {
  const { store } = await getHistory();
  const polls = pollId === null ? await store.polls() : [await store.getPoll(pollId)].flatMap((poll) => (poll ? [poll] : []));
  if (pollId !== null && polls.length === 0) throw notFound("This poll");
  const votes = (await store.pollVotes(pollId ?? undefined)).filter((vote) => polls.some((poll) => poll.id === vote.pollId));
  // As the polls keep them: a comparison deleted since takes nothing from its polls' results.
  const kept = await store.pollImages(polls.flatMap((poll) => pollImageIds(poll.items)));
  const generations = new Map(kept.map((image) => [image.generationId, { durationMs: image.durationMs, billedImages: image.billedImages, images: image.generationImages }] as const));
  const prices = getPrices();
  const shown = polls.filter((poll) => !holdsRanking(poll));
  const counted = votes.filter((vote) => shown.some((poll) => poll.id === vote.pollId));
  const closed = shown.filter((poll) => poll.closedAt !== null);
  return {
    polls,
    summaries: polls.map((poll) => pollSummary(poll, countVotes(votes.filter((vote) => vote.pollId === poll.id)))),
    results: pollResults(shown, counted, generations, (model, images) => imageCost(prices, model, images)),
    // One poll's report shows each item with its votes; every poll's board shows the ranking alone.
    items: pollId === null ? [] : closed.flatMap((poll) => itemResults(poll, counted)),
    // Said with the items, once the models are shown: a missing model named before would tell which models an item holds.
    leftOut: pollId === null ? [] : closed.flatMap((poll) => poll.leftOut),
    held: shown.length < polls.length,
    itemsHeld: pollId !== null && closed.length < shown.length,
  };
};
