import type { Poll, PollPlace, PollVote } from "./poll";
import { voterOrder, voterSeat } from "./voter-order";

/**
 * A poll as one voter may see it: the prompts and how many images each item has, their own votes, and the
 * models only once they may know them (after their vote, or once the poll is closed, as its owner chose).
 * Nothing in it tells a model apart before that: no id, name, size, seed, revised prompt or timing.
 */

export type VoterItem = {
  readonly prompt: string;
  /** Where in a grid the item was made (its seed, say), never its model; absent otherwise. */
  readonly place?: PollPlace;
  readonly slots: number;
  /** This voter's vote: the place of the image picked on their screen, a tie, all bad; null before voting. */
  readonly vote: { readonly slot: number } | "tie" | "bad" | null;
  /** The models' names in this voter's order, once they may know them. */
  readonly models: readonly string[] | null;
};

export type VoterView = {
  readonly title: string;
  readonly closed: boolean;
  readonly reveal: Poll["reveal"];
  /** Whom the view was made for (voterSeat): the page's pictures and votes name it. */
  readonly seat: string;
  readonly items: readonly VoterItem[];
};

export const voterView = (poll: Poll, voter: string, votes: readonly PollVote[], name: (model: string) => string): VoterView => ({
  title: poll.title,
  closed: poll.closedAt !== null,
  reveal: poll.reveal,
  seat: voterSeat(voter),
  items: poll.items.map((item, index) => {
    const order = voterOrder(poll.id, voter, index, item.candidates.length);
    const mine = votes.find((vote) => vote.item === index && vote.voter === voter);
    const shown = order.map((position) => item.candidates[position]);
    const vote =
      !mine ? null : mine.choice.kind === "pick" ? { slot: Math.max(0, shown.findIndex((candidate) => candidate?.model === (mine.choice as { model: string }).model)) } : mine.choice.kind;
    const known = poll.closedAt !== null || (poll.reveal === "after_vote" && mine !== undefined);
    return { prompt: item.prompt, ...(item.place && { place: item.place }), slots: item.candidates.length, vote, models: known ? shown.map((candidate) => name(candidate?.model ?? "")) : null };
  }),
});

/** The candidate a voter sees at `slot` of `item`. */
export const candidateAt = (poll: Poll, voter: string, item: number, slot: number) => {
  const candidates = poll.items[item]?.candidates ?? [];
  const position = voterOrder(poll.id, voter, item, candidates.length)[slot];
  return position === undefined ? undefined : candidates[position];
};
