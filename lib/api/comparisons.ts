import { useMutation } from "@tanstack/react-query";
import type { CompareRequest } from "../compare/compare-request";
import type { ComparisonView } from "../generation/view";
import { apiFetch, type ApiError } from "./client";
import { useRefreshHistory } from "./generations";

/**
 * Comparisons for the browser: start one. What is done to one once started (followed, retried, cancelled,
 * starred, revealed) is in comparison.ts, which comes with the cards that show it.
 */

export const useCreateComparison = () => {
  const refresh = useRefreshHistory();
  return useMutation<ComparisonView, ApiError, CompareRequest>({
    mutationFn: (request) => apiFetch<ComparisonView>("/api/comparisons", { method: "POST", json: request }),
    onSettled: refresh,
  });
};
