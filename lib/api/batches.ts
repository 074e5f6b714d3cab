import { useMutation } from "@tanstack/react-query";
import type { BatchRequest } from "../batch/batch-request";
import type { ComparisonView } from "../generation/view";
import { apiFetch, type ApiError } from "./client";
import { useRefreshHistory } from "./generations";

/** Starts a batch (its rows are followed as a comparison's columns). */
export const useCreateBatch = () => {
  const refresh = useRefreshHistory();
  return useMutation<ComparisonView, ApiError, BatchRequest>({
    mutationFn: (request) => apiFetch<ComparisonView>("/api/batches", { method: "POST", json: request }),
    onSettled: refresh,
  });
};
