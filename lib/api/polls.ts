import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { PollAccess, PollReveal } from "../polls/poll";
import { laterSummary, type PollSummary } from "../polls/poll-summary";
import type { VoterView } from "../polls/voter-view";
import { ApiError, apiFetch } from "./client";
import { pollKey } from "./poll-cache";

/** Polls for the browser: an owner makes and closes them; a voter reads one and votes. */

const voterKey = (token: string) => ["vote", token] as const;

export const useCreatePoll = () => {
  const client = useQueryClient();
  return useMutation<PollSummary, ApiError, { title: string; sets: string[]; reveal: PollReveal; access: PollAccess }>({
    mutationFn: (request) => apiFetch<PollSummary>("/api/polls", { method: "POST", json: request }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["polls-of"] }),
  });
};

/** The polls already made of a set, asked when its card is about to make another. */
export const pollsOfSetQuery = (setId: string) =>
  queryOptions({
    queryKey: ["polls-of", setId] as const,
    queryFn: ({ signal }) => apiFetch<{ polls: PollSummary[] }>(`/api/polls?set=${encodeURIComponent(setId)}`, { signal }),
  });

/**
 * How often an open poll's counts are asked again: every 10 s without the live stream; with it, each minute, a
 * safety net for votes the stream cannot tell (cast through an instance on older code, during a rolling deploy).
 */
export const countsCheckMs = (live: boolean) => (live ? 60_000 : 10_000);

/**
 * The owner's counts: the live stream brings each vote and close as it is made (`applyPollSummaries`); the
 * counts are asked again now and then besides (`countsCheckMs`).
 */
export const pollQuery = (initial: PollSummary, live: boolean) =>
  queryOptions({
    queryKey: pollKey(initial.id),
    queryFn: async ({ signal, client }) => {
      const read = await apiFetch<PollSummary>(`/api/polls/${initial.id}`, { signal });
      // What the cache holds once the read is back: the stream may have told of a vote while it was on its way.
      return laterSummary(client.getQueryData(pollKey(initial.id)), read);
    },
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.closedAt === null ? countsCheckMs(live) : false),
  });

export const useClosePoll = () => {
  const client = useQueryClient();
  return useMutation<PollSummary, ApiError, string>({
    mutationFn: (id) => apiFetch<PollSummary>(`/api/polls/${id}/close`, { method: "POST" }),
    onSuccess: (summary) => client.setQueryData<PollSummary>(pollKey(summary.id), (held) => laterSummary(held, summary)),
  });
};

export const useDeletePoll = () => {
  const client = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => apiFetch<void>(`/api/polls/${id}`, { method: "DELETE" }),
    // Its counts are asked no more (the status shows the deletion; its query is off from then on).
    onSuccess: (_, id) => {
      client.removeQueries({ queryKey: pollKey(id) });
      void client.invalidateQueries({ queryKey: ["polls-of"] });
    },
  });
};

export const voterQuery = (token: string) =>
  queryOptions({
    queryKey: voterKey(token),
    queryFn: ({ signal }) => apiFetch<VoterView>(`/api/vote/${token}`, { signal }),
    // A poll that is gone, or a link refused, says so at once rather than after three more tries; a
    // network blip (no status) or a server error is tried again.
    retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
  });

export const useVote = (token: string) => {
  const client = useQueryClient();
  return useMutation<VoterView, ApiError, { item: number; seat: string; choice: { slot: number } | "tie" | "bad" }>({
    mutationFn: (vote) => apiFetch<VoterView>(`/api/vote/${token}/votes`, { method: "POST", json: vote }),
    onSuccess: (view) => client.setQueryData(voterKey(token), view),
    // Refused as closed, as voted already (from another tab), or as a page made for another voter of this
    // browser: the page reads the poll again, so it shows what holds now (and the models, if closing revealed
    // them) instead of buttons that are refused again.
    onError: (error) => {
      if (error.status === 409) void client.invalidateQueries({ queryKey: voterKey(token) });
    },
  });
};
