import { queryOptions, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { isActive, type GenerationView, type HistoryItem, type HistoryPage } from "../generation/view";
import { apiChange, apiFetch, type ApiError, type OwnChange } from "./client";
import { generationKeys } from "./generations";
import { heardOwnChange, ownChangeApplied, readItem } from "./live-cache";
import { laterGeneration, laterItem } from "./read-order";

/** One history item for the browser: a generation followed while it runs, cancelled or starred, and any item's change written into the cache. */

/**
 * One generation. The live stream brings its changes; without it, it is asked every second while it runs
 * (the job lives on the server, not in this tab).
 */
export const generationQuery = (initial: GenerationView, live: boolean) =>
  queryOptions({
    queryKey: generationKeys.one(initial.id),
    queryFn: ({ signal, client }) => readItem(client, initial.id, () => apiFetch<GenerationView>(`/api/generations/${initial.id}`, { signal }), laterGeneration),
    initialData: initial,
    // The list just fetched it: only a running generation needs asking again (the interval does that).
    staleTime: Number.POSITIVE_INFINITY,
    refetchInterval: (query) => (query.state.data && isActive(query.state.data.status) ? runningCheckMs(live) : false),
  });

/**
 * How often a running item is asked again: every second without the live stream; with it, rarely, as a
 * safety net for a change the stream did not bring (a lost wake-up between instances, a proxy's hiccup).
 */
export const runningCheckMs = (live: boolean) => (live ? 5_000 : 1_000);

type HistoryData = InfiniteData<HistoryPage, string | null>;

/** Writes a changed history item into every cached list and its own entry, so all views agree at once. */
export const useUpdateCached = () => {
  const client = useQueryClient();
  return (changed: HistoryItem, changeId: number | null = null) => {
    // A column's change is told by the stream as its comparison's, under another id: not one to wait for.
    const own = changed.kind === "generation" && changed.comparisonId !== null ? null : changeId;
    if (!heardOwnChange(client, changed, own)) return;
    const key = changed.kind === "generation" ? generationKeys.one(changed.id) : generationKeys.comparison(changed.id);
    const before = client.getQueryData<HistoryItem>(key);
    const after = client.setQueryData<HistoryItem>(key, (held) => laterItem(held, changed));
    client.setQueriesData<HistoryData>({ queryKey: generationKeys.lists }, (data) =>
      data && {
        ...data,
        pages: data.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === changed.id ? laterItem(item, changed) : item)) })),
      },
    );
    if (after) ownChangeApplied(client, before, after);
  };
};

export const useCancelGeneration = () => {
  const update = useUpdateCached();
  return useMutation<OwnChange<GenerationView>, ApiError, string>({
    mutationFn: (id) => apiChange<GenerationView>(`/api/generations/${id}/cancel`, { method: "POST" }),
    onSuccess: ({ item, changeId }) => update(item, changeId),
  });
};

export const useStarGeneration = () => {
  const update = useUpdateCached();
  return useMutation<OwnChange<GenerationView>, ApiError, { id: string; starred: boolean }>({
    mutationFn: ({ id, starred }) => apiChange<GenerationView>(`/api/generations/${id}`, { method: "PATCH", json: { starred } }),
    onSuccess: ({ item, changeId }) => update(item, changeId),
  });
};
