import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { isUnfiltered, listSearchParams, type ListFilters } from "../generation/list-query";
import { isActive, type GenerationView, type HistoryItem, type HistoryPage, type ListedPage } from "../generation/view";
import type { GenerateRequest } from "../models/request-schema";
import { apiChange, apiFetch, type ApiError, type OwnChange } from "./client";
import { addOwnItem, heardOwnChange, ownChangeApplied, readItem, readStarted, reconcilePage } from "./live-cache";
import { laterGeneration, laterItem } from "./read-order";

/** The history's endpoints for the browser: fetchers, their query options, and the mutation hooks. */

export const generationKeys = {
  lists: ["generations", "list"] as const,
  list: (filters: ListFilters) => ["generations", "list", filters] as const,
  one: (id: string) => ["generations", "one", id] as const,
  comparison: (id: string) => ["comparisons", "one", id] as const,
};

export const historyQuery = (filters: ListFilters) =>
  infiniteQueryOptions({
    queryKey: generationKeys.list(filters),
    queryFn: async ({ pageParam, signal, client }) => {
      const read = readStarted(client);
      try {
        const page = await apiFetch<ListedPage>(`/api/generations?${listSearchParams(filters, pageParam)}`, { signal });
        return reconcilePage(client, page, { first: pageParam === null, unfiltered: isUnfiltered(filters) }, read);
      } finally {
        read.end();
      }
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

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

/**
 * After anything that adds to the history: today's count is asked again, and the new item goes into the lists.
 * With no list being read, it is put there at once (the stream's news of it follows; without the stream its
 * card asks for itself); a list on its way would not hold it, so then the lists are read again.
 */
export const refreshHistory = async (client: QueryClient, created: HistoryItem | undefined) => {
  const usage = client.invalidateQueries({ queryKey: ["usage"] });
  if (created && client.isFetching({ queryKey: generationKeys.lists }) === 0) {
    addOwnItem(client, created);
    return usage;
  }
  // A list fetch still in flight from before this start (a slow first load) would otherwise be reused
  // by the invalidation, as TanStack dedupes fetches of a query with no data yet, and miss the new
  // item: cancel it so the refetch really asks again.
  await client.cancelQueries({ queryKey: generationKeys.lists });
  await Promise.all([client.invalidateQueries({ queryKey: generationKeys.lists }), usage]);
};

export const useRefreshHistory = () => {
  const client = useQueryClient();
  return (created?: HistoryItem) => refreshHistory(client, created);
};

export const useCreateGeneration = () => {
  const refresh = useRefreshHistory();
  return useMutation<GenerationView, ApiError, GenerateRequest>({
    mutationFn: (request) => apiFetch<GenerationView>("/api/generations", { method: "POST", json: request }),
    onSettled: refresh,
  });
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

/** keepalive: a deletion whose undo window ends as the tab closes still reaches the server. */
export const deleteHistoryItem = (item: HistoryItem) =>
  apiFetch<void>(`/api/${item.kind === "generation" ? "generations" : "comparisons"}/${item.id}`, { method: "DELETE", keepalive: true });
