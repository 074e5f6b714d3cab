import { useMutation } from "@tanstack/react-query";
import type { EditRequest } from "../edit/edit-request";
import type { GenerationView, InputImageView } from "../generation/view";
import { apiFetch, type ApiError } from "./client";
import { useRefreshHistory } from "./generations";

/** Editing for the browser: put an input image on record (an upload or a history result), then start an edit of it. */

export const uploadInput = (image: Blob, signal?: AbortSignal): Promise<InputImageView> =>
  apiFetch<InputImageView>("/api/inputs", {
    method: "POST",
    body: image,
    // The server reads the type from the bytes; the header only says these are bytes, not JSON.
    headers: { "content-type": image.type || "application/octet-stream" },
    ...(signal && { signal }),
  });

export const inputFromResult = (imageId: string): Promise<InputImageView> =>
  apiFetch<InputImageView>("/api/inputs", { method: "POST", json: { imageId } });

export const useCreateEdit = () => {
  const refresh = useRefreshHistory();
  return useMutation<GenerationView, ApiError, EditRequest>({
    mutationFn: (request) => apiFetch<GenerationView>("/api/edits", { method: "POST", json: request }),
    onSettled: refresh,
  });
};
