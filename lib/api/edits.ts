import { useMutation } from "@tanstack/react-query";
import type { EditRequest } from "../edit/edit-request";
import type { InputImageType } from "../edit/sniff";
import type { GenerationView, InputImageView } from "../generation/view";
import { apiFetch, type ApiError } from "./client";
import { useRefreshHistory } from "./generations";

/** Editing for the browser: put an input image on record (an upload or a history result), then start an edit of it. */

/** `type`: what the bytes are (sniffed, not the file's name); the server reads them again itself. */
export const uploadInput = (image: Blob, type: InputImageType, signal?: AbortSignal): Promise<InputImageView> =>
  apiFetch<InputImageView>("/api/inputs", {
    method: "POST",
    body: image,
    headers: { "content-type": type },
    ...(signal && { signal }),
  });

export const inputFromResult = (imageId: string, signal: AbortSignal): Promise<InputImageView> =>
  apiFetch<InputImageView>("/api/inputs", { method: "POST", json: { imageId }, signal });

export const useCreateEdit = () => {
  const refresh = useRefreshHistory();
  return useMutation<GenerationView, ApiError, EditRequest>({
    mutationFn: (request) => apiFetch<GenerationView>("/api/edits", { method: "POST", json: request }),
    onSettled: refresh,
  });
};
