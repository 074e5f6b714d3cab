import type { InputImageView } from "../generation/view";
import type { EditRequest } from "./edit-request";

const isText = (value: unknown): value is string => typeof value === "string";
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/**
 * The input picture kept with an edit form's draft, read back: the picture the form's `input` names, or none
 * when it names none. Anything else (a draft of another form's making) is refused, and the draft with it.
 */
export const keptInput = (input: EditRequest["input"], kept: unknown): { ok: true; view: InputImageView | null } | { ok: false } => {
  if (kept === null) return input.id === "" ? { ok: true, view: null } : { ok: false };
  if (!isRecord(kept) || kept.id !== input.id || input.id === "") return { ok: false };
  const { width, height, src, thumbSrc, from } = kept;
  const sized = typeof width === "number" && typeof height === "number" && width === input.width && height === input.height;
  const fromOk = from === null || (isRecord(from) && isText(from.generationId) && isText(from.imageId) && isText(from.prompt));
  if (!sized || !isText(src) || !isText(thumbSrc) || !fromOk) return { ok: false };
  return { ok: true, view: { id: input.id, width, height, src, thumbSrc, from: from === null ? null : { generationId: from.generationId as string, imageId: from.imageId as string, prompt: from.prompt as string } } };
};
