import { useMutation } from "@tanstack/react-query";
import type { ShareCreated, ShareRequest } from "../share/share-request";
import { apiFetch, type ApiError } from "./client";

export const useCreateShare = () =>
  useMutation<ShareCreated, ApiError, ShareRequest>({
    mutationFn: (request) => apiFetch<ShareCreated>("/api/shares", { method: "POST", json: request }),
  });
