import type { Poll, PollVote } from "./poll";

/** A poll as its owner sees it: its link and settings, and how many have voted (never who voted for what). */
export type PollSummary = {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly reveal: Poll["reveal"];
  readonly access: Poll["access"];
  readonly closedAt: number | null;
  readonly items: number;
  readonly votes: number;
  readonly voters: number;
};

export const votePath = (token: string) => `/vote/${token}`;

/** How many votes a poll holds, and from how many voters. */
export type VoteCounts = { readonly votes: number; readonly voters: number };

export const countVotes = (votes: readonly PollVote[]): VoteCounts => ({ votes: votes.length, voters: new Set(votes.map((vote) => vote.voter)).size });

export const pollSummary = (poll: Poll, counts: VoteCounts): PollSummary => ({
  id: poll.id,
  title: poll.title,
  path: votePath(poll.token),
  reveal: poll.reveal,
  access: poll.access,
  closedAt: poll.closedAt,
  items: poll.items.length,
  votes: counts.votes,
  voters: counts.voters,
});

/**
 * Of two copies of one poll's summary, the one that holds the more: votes are only ever added and a close is
 * for good, so a read that left before a vote or a close the live stream told of never puts the older counts
 * back, whichever of the two arrives last.
 */
export const laterSummary = (held: PollSummary | undefined, read: PollSummary): PollSummary =>
  held === undefined
    ? read
    : { ...read, closedAt: read.closedAt ?? held.closedAt, votes: Math.max(held.votes, read.votes), voters: Math.max(held.voters, read.voters) };
