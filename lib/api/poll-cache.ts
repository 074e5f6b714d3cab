import type { QueryClient } from "@tanstack/react-query";
import { laterSummary, type PollSummary } from "../polls/poll-summary";

/**
 * What the live stream does to polls' cached counts. Apart from the polls' endpoints (lib/api/polls.ts): the
 * stream is on every first screen, the polls' views load when first opened.
 */

export const pollKey = (id: string) => ["polls", id] as const;

/** The live stream's news of polls, for those this tab shows (a poll it does not show is not kept). */
export const applyPollSummaries = (client: QueryClient, summaries: readonly PollSummary[]) => {
  for (const summary of summaries) client.setQueryData<PollSummary>(pollKey(summary.id), (held) => held && laterSummary(held, summary));
};

/** Every poll this tab shows is read again (the stream missed what it cannot replay). */
export const readPollsAfresh = (client: QueryClient) => client.invalidateQueries({ queryKey: ["polls"] });
