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

export const pollSummary = (poll: Poll, votes: readonly PollVote[]): PollSummary => ({
  id: poll.id,
  title: poll.title,
  path: votePath(poll.token),
  reveal: poll.reveal,
  access: poll.access,
  closedAt: poll.closedAt,
  items: poll.items.length,
  votes: votes.length,
  voters: new Set(votes.map((vote) => vote.voter)).size,
});
