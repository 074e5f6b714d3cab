import sharp, { type Sharp } from "sharp";
import { AppError } from "../errors";
import { ANY_EDIT_INPUT } from "../models/edit-models";
import { sniffImageType, type InputImageType } from "./sniff";
import { megabytes } from "./upload-plan";

/**
 * The picture an edit starts from, checked on the server before the gateway sees it: its type from its
 * bytes (never its name or the browser's word), its size, its pixel dimensions, and that it decodes whole.
 * A rotated phone photo is turned upright and its metadata (EXIF, GPS) dropped, so the model sees what the
 * user saw and nothing else travels.
 */

export type InputImage = { readonly mime: InputImageType; readonly width: number; readonly height: number; readonly bytes: Buffer };

export type InputImageCheck = { readonly ok: true; readonly image: InputImage } | { readonly ok: false; readonly reason: string };

/** Quality high enough that the model edits the picture, not the compression artefacts. */
const encode = (image: Sharp, mime: InputImageType): Promise<Buffer> =>
  (mime === "image/jpeg" ? image.jpeg({ quality: 92 }) : mime === "image/png" ? image.png() : image.webp({ quality: 92 })).toBuffer();


export const checkInputImage = async (bytes: Buffer): Promise<InputImageCheck> => {
  if (bytes.length > ANY_EDIT_INPUT.maxBytes) {
    return { ok: false, reason: `The image is ${megabytes(bytes.length)} MB; the most the gateway takes is ${megabytes(ANY_EDIT_INPUT.maxBytes)} MB.` };
  }
  const mime = sniffImageType(bytes);
  if (!mime) return { ok: false, reason: "That file is not a PNG, JPEG or WebP image (judged by its contents, not its name)." };
  const damaged = { ok: false, reason: "The image could not be read: the file is damaged or incomplete." } as const;
  // A cut-off header is refused here; a cut-off or scrambled body, by the whole decode below.
  // No pixel limit for the header alone (sharp's default, 268 megapixels, would make a vast picture read as
  // damaged): the sides are checked just below, and the decode keeps the limit.
  const metadata = await sharp(bytes, { failOn: "truncated", limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!metadata?.width || !metadata.height) return damaged;
  const rotated = (metadata.orientation ?? 1) >= 5;
  const width = rotated ? metadata.height : metadata.width;
  const height = rotated ? metadata.width : metadata.height;
  // The header's size is checked before any pixel is decoded: a small file can declare a vast picture.
  const { minSide, maxSide } = ANY_EDIT_INPUT;
  if (Math.min(width, height) < minSide) {
    return { ok: false, reason: `The image is ${width}*${height}; each side needs at least ${minSide} px for the model to work with.` };
  }
  if (Math.max(width, height) > maxSide) {
    return { ok: false, reason: `The image is ${width}*${height}; each side may be at most ${maxSide} px.` };
  }
  // Decoding it all is the only proof the pixels are there; rotate() with no angle applies the EXIF one.
  // failOn "warning" for the pixels: libvips reports scrambled JPEG scan data only as a warning.
  let upright = await encode(sharp(bytes, { failOn: "warning" }).rotate(), mime).catch(() => null);
  if (!upright) return damaged;
  // Re-encoding can make a lean PNG larger; a JPEG of the same pixels always fits what the check let in
  // (laid on white: a JPEG has no transparency, and a transparent part would turn black).
  if (upright.length > ANY_EDIT_INPUT.maxBytes) {
    upright = await encode(sharp(upright).flatten({ background: "#ffffff" }), "image/jpeg");
    return { ok: true, image: { mime: "image/jpeg", width, height, bytes: upright } };
  }
  return { ok: true, image: { mime, width, height, bytes: upright } };
};

/** An upload refused before it is read whole: its body passed the gateway's limit. */
export const inputTooLarge = (): AppError =>
  new AppError("payload_too_large", `The image is larger than ${megabytes(ANY_EDIT_INPUT.maxBytes)} MB, the most the gateway takes. Scale it down and try again.`);

/** How the gateway takes an input image inside the JSON body. */
export const toDataUri = (image: { readonly mime: string; readonly bytes: Buffer }): string => `data:${image.mime};base64,${image.bytes.toString("base64")}`;
