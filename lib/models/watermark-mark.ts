import { findModel } from "./registry";

/**
 * The mark the gateway draws in an image's corner when asked for a watermark: its family's own ("AI generated"
 * on Wan, "Qwen-Image" on Qwen, by the gateway's contract), or none.
 */
const markOf = (request: { readonly model: string; readonly watermark: boolean }): string | null => (request.watermark ? (findModel(request.model)?.family ?? request.model) : null);

/** Whether images of these requests could be told apart by their corner marks: a blind choice among them would not be blind. */
export const marksTellApart = (requests: ReadonlyArray<{ readonly model: string; readonly watermark: boolean }>): boolean => new Set(requests.map(markOf)).size > 1;
