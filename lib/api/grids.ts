import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { ComparisonView } from "../generation/view";
import type { GridRequest } from "../grid/grid-request";
import type { PromptList } from "../grid/prompt-list";
import { apiFetch, type ApiError } from "./client";
import { useRefreshHistory } from "./generations";

/** Grids for the browser: start one (its cells are followed as a comparison's columns), and the saved lists. */

export const useCreateGrid = () => {
  const refresh = useRefreshHistory();
  return useMutation<ComparisonView, ApiError, GridRequest>({
    mutationFn: (request) => apiFetch<ComparisonView>("/api/grids", { method: "POST", json: request }),
    onSettled: refresh,
  });
};

const LISTS_KEY = ["prompt-lists"] as const;

/** Everyone's lists: asked when the grid form opens, and again after a save or a delete here. */
export const promptListsQuery = () =>
  queryOptions({
    queryKey: LISTS_KEY,
    queryFn: ({ signal }) => apiFetch<PromptList[]>("/api/lists", { signal }),
    staleTime: 30_000,
  });

export const useSavePromptList = () => {
  const client = useQueryClient();
  return useMutation<PromptList, ApiError, { name: string; items: readonly string[] }>({
    mutationFn: (list) => apiFetch<PromptList>("/api/lists", { method: "PUT", json: list }),
    onSettled: () => client.invalidateQueries({ queryKey: LISTS_KEY }),
  });
};

export const useDeletePromptList = () => {
  const client = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (name) => apiFetch<void>(`/api/lists/${encodeURIComponent(name)}`, { method: "DELETE" }),
    onSettled: () => client.invalidateQueries({ queryKey: LISTS_KEY }),
  });
};
