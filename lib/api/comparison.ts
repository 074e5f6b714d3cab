import { queryOptions, useMutation } from "@tanstack/react-query";
import { isActive, type ComparisonView } from "../generation/view";
import { apiChange, apiFetch, type ApiError, type OwnChange } from "./client";
import { runningCheckMs, useUpdateCached } from "./generation";
import { generationKeys } from "./generations";
import { readItem } from "./live-cache";
import { laterComparison } from "./read-order";

/** One comparison (or grid, or batch) for the browser: follow it while a column runs, retry a column, cancel, star or reveal it. */

export const comparisonQuery = (initial: ComparisonView, live: boolean) =>
  queryOptions({
    queryKey: generationKeys.comparison(initial.id),
    queryFn: ({ signal, client }) => readItem(client, initial.id, () => apiFetch<ComparisonView>(`/api/comparisons/${initial.id}`, { signal }), laterComparison),
    initialData: initial,
    staleTime: Number.POSITIVE_INFINITY,
    // Columns fill in as each model finishes: the stream brings them; asked again while any one runs (runningCheckMs).
    refetchInterval: (query) => (query.state.data?.columns.some((column) => isActive(column.generation.status)) ? runningCheckMs(live) : false),
  });

/** Reruns a failed column in its place; the refreshed comparison starts polling again. */
export const useRetryColumn = () => {
  const update = useUpdateCached();
  return useMutation<ComparisonView, ApiError, { id: string; column: string }>({
    mutationFn: ({ id, column }) => apiFetch<ComparisonView>(`/api/comparisons/${id}/retry`, { method: "POST", json: { column } }),
    onSuccess: (item) => update(item),
  });
};

/** Stops every unfinished column of a set in one request: how a blind comparison is cancelled. */
export const useCancelSet = () => {
  const update = useUpdateCached();
  return useMutation<OwnChange<ComparisonView>, ApiError, string>({
    mutationFn: (id) => apiChange<ComparisonView>(`/api/comparisons/${id}/cancel`, { method: "POST" }),
    onSuccess: ({ item, changeId }) => update(item, changeId),
  });
};

export const useUpdateComparison = () => {
  const update = useUpdateCached();
  return useMutation<OwnChange<ComparisonView>, ApiError, { id: string; starred?: boolean; revealed?: true }>({
    mutationFn: ({ id, ...patch }) => apiChange<ComparisonView>(`/api/comparisons/${id}`, { method: "PATCH", json: patch }),
    onSuccess: ({ item, changeId }) => update(item, changeId),
  });
};
