import type { Poll } from "./poll";

/** Whether a poll still open shows one of these generations' images: its voters see them by their ids. */
export const inOpenPoll = (polls: readonly Poll[], generationIds: ReadonlySet<string>): boolean =>
  polls.some((poll) => poll.closedAt === null && poll.items.some((item) => item.candidates.some((candidate) => generationIds.has(candidate.generationId))));
