import { useMutation } from "@tanstack/react-query";
import type { GatewayCheck } from "../gateway/check";
import { apiFetch, type ApiError } from "./client";

/** Runs "Check connection" on the server, which holds the key; each run probes the gateway anew. */
export const useCheckConnection = () =>
  useMutation<GatewayCheck, ApiError, void>({
    mutationFn: () => apiFetch<GatewayCheck>("/api/gateway/check", { method: "POST" }),
  });
