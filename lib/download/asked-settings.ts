import { isEditRequest, type GenerationRequest } from "../generation/view";
import { formatSize } from "../models/size-rules";
import type { ResultSettings } from "./result-columns";

/**
 * The size a request sent, "1328*1328"; null for an edit that sent none, whose output followed its input at a
 * size the model picked (its images' own sizes say what came).
 */
export const askedSize = (request: GenerationRequest): string | null => (isEditRequest(request) ? request.size && formatSize(request.size) : formatSize(request));

/**
 * What else the gateway was asked, as a results file's `settings` and a downloaded PNG's `parameters` write
 * it: exactly what was sent, so running them again makes the same kind of generation. An edit names its
 * input (by id and size), which is what makes it one.
 */
export const askedSettings = (request: GenerationRequest): ResultSettings => ({
  size: askedSize(request),
  n: request.n,
  prompt_extend: request.promptExtend,
  watermark: request.watermark,
  ...(isEditRequest(request) && { input: { id: request.input.id, width: request.input.width, height: request.input.height } }),
});
