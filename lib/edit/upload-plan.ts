import type { EditInputRule } from "../models/edit-models";
import type { Size } from "../models/size-rules";
import type { InputImageType } from "./sniff";

/**
 * What the browser does with a chosen file before any request: refuse it with a reason, send it as it is,
 * or scale it down first. Pure, so every branch is tested without a browser; the form does the reading and
 * the drawing. Refusals are codes with their numbers, worded by the interface in its language.
 */

/** Larger than any editing model makes (2048 px), and a photo at this size is a few MB at most. */
export const BROWSER_MAX_SIDE = 2048;

export type UploadRefusal =
  | { readonly code: "too-large"; readonly megabytes: number; readonly maxMegabytes: number }
  | { readonly code: "not-an-image" }
  /** More pixels than a browser tab should decode, as the header declares them. */
  | { readonly code: "too-many-pixels"; readonly width: number; readonly height: number; readonly maxMegapixels: number }
  | { readonly code: "unreadable" }
  | { readonly code: "too-small"; readonly width: number; readonly height: number; readonly minSide: number }
  /** So long and thin that no scale fits both the shortest and the longest side the models take. */
  | { readonly code: "too-elongated"; readonly width: number; readonly height: number; readonly minSide: number; readonly maxSide: number }
  /** The browser could not read the file (moved, changed or deleted since it was chosen, or a folder). */
  | { readonly code: "file-unavailable" }
  /** Over 2048 px, and the browser could not draw it smaller (no OffscreenCanvas, or out of memory). */
  | { readonly code: "cannot-scale"; readonly width: number; readonly height: number };

/**
 * A file larger than this is drawn again before upload even when its pixels need no scaling: every edit of it
 * sends it to the gateway once more, as a data URI a third larger. A photo of 2048 px is 1 to 2 MB.
 */
export const SEND_BUDGET_BYTES = 4 * 1024 * 1024;

export type UploadPlan =
  | { readonly ok: false; readonly refusal: UploadRefusal }
  /** `scaleTo`: the size to draw it at; `compress`: draw it again (at `scaleTo`, or its own size) to send fewer bytes. */
  | { readonly ok: true; readonly type: InputImageType; readonly scaleTo: Size | null; readonly compress: boolean };

/**
 * Megabytes to one decimal, rounded up: a file just over the limit never reads as the limit itself, what is
 * held and what a refused upload adds never read as fitting, and no amount above nothing reads as 0.
 */
export const megabytes = (bytes: number): number => Math.ceil((bytes / 1024 / 1024) * 10) / 10;

/** The first check, on the file's size alone: a file too large is refused before it is even read. */
export const checkFileSize = (bytes: number, rule: EditInputRule): UploadRefusal | null =>
  bytes > rule.maxBytes ? { code: "too-large", megabytes: megabytes(bytes), maxMegabytes: megabytes(rule.maxBytes) } : null;

/** Far beyond any model's 3072 px a side, and what a 10 MB file can honestly hold; a vast one is a trick. */
export const BROWSER_MAX_PIXELS = 100_000_000;

/** Before decoding: the size its header declares, so a tab never tries to hold a decompression bomb. */
export const checkDeclaredSize = (size: Size): UploadRefusal | null =>
  size.width * size.height > BROWSER_MAX_PIXELS
    ? { code: "too-many-pixels", width: size.width, height: size.height, maxMegapixels: BROWSER_MAX_PIXELS / 1_000_000 }
    : null;

/** Then, once its first bytes and (upright) size are known. `size` null: the browser could not decode it. */
export const planUpload = (bytes: number, type: InputImageType | null, size: Size | null, rule: EditInputRule): UploadPlan => {
  const tooLarge = checkFileSize(bytes, rule);
  if (tooLarge) return { ok: false, refusal: tooLarge };
  if (!type) return { ok: false, refusal: { code: "not-an-image" } };
  if (!size) return { ok: false, refusal: { code: "unreadable" } };
  if (Math.min(size.width, size.height) < rule.minSide) {
    return { ok: false, refusal: { code: "too-small", width: size.width, height: size.height, minSide: rule.minSide } };
  }
  const compress = bytes > SEND_BUDGET_BYTES;
  const longest = Math.max(size.width, size.height);
  if (longest <= BROWSER_MAX_SIDE) return { ok: true, type, scaleTo: null, compress };
  // Never so far that the short side drops under what the models take: a long panorama keeps its height.
  const scale = Math.max(BROWSER_MAX_SIDE / longest, rule.minSide / Math.min(size.width, size.height));
  if (Math.round(longest * scale) > rule.maxSide) {
    return { ok: false, refusal: { code: "too-elongated", width: size.width, height: size.height, minSide: rule.minSide, maxSide: rule.maxSide } };
  }
  return { ok: true, type, scaleTo: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) }, compress };
};
