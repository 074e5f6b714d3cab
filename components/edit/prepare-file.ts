import { readImageSize } from "@/lib/edit/image-size";
import { checkDeclaredSize, checkFileSize, planUpload, SEND_BUDGET_BYTES, type UploadRefusal } from "@/lib/edit/upload-plan";
import { INPUT_IMAGE_TYPES, sniffImageType, type InputImageType } from "@/lib/edit/sniff";
import type { EditInputRule } from "@/lib/models/edit-models";
import type { Size } from "@/lib/models/size-rules";

export type PreparedFile =
  | { readonly ok: false; readonly refusal: UploadRefusal }
  | { readonly ok: true; readonly blob: Blob; readonly type: InputImageType };

/** What the browser is doing to a picture before upload, so the form can say so while it works. */
export type PrepareStep = { readonly kind: "scaling"; readonly from: Size; readonly to: Size } | { readonly kind: "compressing"; readonly size: Size };

const QUALITY = 0.92;

/** Enough of the file for its header: a JPEG's size can follow some hundreds of KB of metadata. */
const HEADER_BYTES = 1024 * 1024;

/*
 * A browser's own words for a failure (a DOMException's message) are in its language, or none, not the page's:
 * each failure here is a refusal the interface words itself.
 */

/** The bytes, or null when the browser cannot read them: the file moved, changed or deleted since it was chosen, or a folder. */
const bytesOf = (blob: Blob): Promise<Uint8Array | null> => blob.arrayBuffer().then((buffer) => new Uint8Array(buffer), () => null);

const FILE_UNAVAILABLE: PreparedFile = { ok: false, refusal: { code: "file-unavailable" } };

/** Upright pixels: createImageBitmap applies the EXIF orientation a phone writes, as the <img> does. */
const decode = (file: Blob): Promise<ImageBitmap | null> => createImageBitmap(file, { imageOrientation: "from-image" }).catch(() => null);

/** The picture drawn again, or null when this browser cannot (no OffscreenCanvas or 2D context, out of memory). */
const encode = async (bitmap: ImageBitmap, to: Size, type: InputImageType, maxBytes: number): Promise<Blob | null> => {
  const canvas = new OffscreenCanvas(to.width, to.height);
  const context = canvas.getContext("2d");
  if (!context) return null;
  context.imageSmoothingQuality = "high";
  context.drawImage(bitmap, 0, 0, to.width, to.height);
  const first = await canvas.convertToBlob({ type, quality: QUALITY });
  if (first.size <= SEND_BUDGET_BYTES) return first;
  // A PNG photo stays large: WebP keeps its transparency in a fraction of the bytes. A browser that cannot
  // write WebP hands back a PNG instead, which is kept only if smaller.
  const webp = await canvas.convertToBlob({ type: "image/webp", quality: QUALITY });
  const blob = webp.type === "image/webp" && webp.size < first.size ? webp : first;
  if (blob.size <= maxBytes) return blob;
  // Still over the gateway's limit: the same pixels as a JPEG fit, laid on white, as a JPEG has no
  // transparency (drawn as it is, a transparent part would turn black).
  context.globalCompositeOperation = "destination-over";
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, to.width, to.height);
  return canvas.convertToBlob({ type: "image/jpeg", quality: QUALITY });
};

/**
 * Reads a chosen file in the browser and decides before any request: too large (by its size alone), not an
 * image (by its first bytes), vast (by the size its header declares), undecodable or too small is refused; a
 * picture over 2048 px is drawn smaller, and a file over the send budget drawn again, so the upload stays
 * small; anything else goes as it is, and the server turns it upright. Never throws: a file the browser cannot
 * read, or a picture it cannot draw smaller, is refused too.
 */
export const prepareFile = async (file: Blob, rule: EditInputRule, progress: (step: PrepareStep) => void): Promise<PreparedFile> => {
  const tooLarge = checkFileSize(file.size, rule);
  if (tooLarge) return { ok: false, refusal: tooLarge };
  const head = await bytesOf(file.slice(0, HEADER_BYTES));
  if (!head) return FILE_UNAVAILABLE;
  const type = sniffImageType(head);
  // A JPEG may carry more than the first megabyte of metadata before its size: then the whole file (within
  // the size checked above) is read for it, so that no picture is decoded before its size is known.
  let declared = type && readImageSize(head, type);
  if (type && !declared && file.size > HEADER_BYTES) {
    const whole = await bytesOf(file);
    if (!whole) return FILE_UNAVAILABLE;
    declared = readImageSize(whole, type);
  }
  const vast = declared && checkDeclaredSize(declared);
  if (vast) return { ok: false, refusal: vast };
  const bitmap = type ? await decode(file) : null;
  try {
    const size = bitmap && { width: bitmap.width, height: bitmap.height };
    const plan = planUpload(file.size, type, size, rule);
    if (!plan.ok) return plan;
    if (!bitmap || !size) return { ok: false, refusal: { code: "unreadable" } };
    if (!plan.scaleTo && !plan.compress) return { ok: true, blob: file, type: plan.type };
    progress(plan.scaleTo ? { kind: "scaling", from: size, to: plan.scaleTo } : { kind: "compressing", size });
    const blob = await encode(bitmap, plan.scaleTo ?? size, plan.type, rule.maxBytes).catch(() => null);
    // Drawn at its own size only to save bytes: no gain (or no drawing), no change; the file is within the gateway's limit.
    if (!plan.scaleTo && (!blob || blob.size >= file.size)) return { ok: true, blob: file, type: plan.type };
    if (!blob) return { ok: false, refusal: { code: "cannot-scale", width: size.width, height: size.height } };
    return { ok: true, blob, type: INPUT_IMAGE_TYPES.find((type) => type === blob.type) ?? plan.type };
  } finally {
    bitmap?.close();
  }
};
