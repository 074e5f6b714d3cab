import { infiniteQueryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { isUnfiltered, listSearchParams, type ListFilters } from "../generation/list-query";
import type { GenerationView, HistoryItem, ListedPage } from "../generation/view";
import type { GenerateRequest } from "../models/request-schema";
import { apiFetch, type ApiError } from "./client";
import { addOwnItem, readStarted, reconcilePage } from "./live-cache";

/**
 * The history's endpoints for the browser: its lists, and a generation started. What is done to one once
 * started (followed, cancelled, starred) is in generation.ts, which comes with the cards that show it.
 */

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

/** keepalive: a deletion whose undo window ends as the tab closes still reaches the server. */
export const deleteHistoryItem = (item: HistoryItem) =>
  apiFetch<void>(`/api/${item.kind === "generation" ? "generations" : "comparisons"}/${item.id}`, { method: "DELETE", keepalive: true });
