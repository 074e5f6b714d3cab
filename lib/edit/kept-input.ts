import type { InputImageView } from "../generation/view";
import { isKeptSeed } from "../forms/draft";
import { findEditModel } from "../models/edit-models";
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

/**
 * An edit form's draft read back: its model one that edits, its size none or a width and height, and its
 * input the picture kept beside it; false when any of these is not so.
 */
export const isKeptEdit = (values: EditRequest, kept: unknown): boolean => {
  const size: unknown = values.size;
  const sized = size === null || (isRecord(size) && Object.keys(size).length === 2 && typeof size.width === "number" && typeof size.height === "number");
  return findEditModel(values.model) !== undefined && sized && isKeptSeed(values.seed) && keptInput(values.input, kept).ok;
};
