import { checkFileSize, planUpload, type UploadRefusal } from "@/lib/edit/upload-plan";
import { sniffImageType, type InputImageType } from "@/lib/edit/sniff";
import type { EditInputRule } from "@/lib/models/edit-models";
import type { Size } from "@/lib/models/size-rules";

export type PreparedFile =
  | { readonly ok: false; readonly refusal: UploadRefusal }
  | { readonly ok: true; readonly blob: Blob; readonly original: Size; readonly sent: Size };

/** Told when a large picture is being scaled, so the form can say so while it works. */
type Progress = (step: { readonly scaling: { readonly from: Size; readonly to: Size } }) => void;

const QUALITY = 0.92;

/** Upright pixels: createImageBitmap applies the EXIF orientation a phone writes, as the <img> does. */
const decode = (file: Blob): Promise<ImageBitmap | null> => createImageBitmap(file, { imageOrientation: "from-image" }).catch(() => null);

const encode = async (bitmap: ImageBitmap, to: Size, type: InputImageType, maxBytes: number): Promise<Blob> => {
  const canvas = new OffscreenCanvas(to.width, to.height);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw the image to scale it.");
  context.imageSmoothingQuality = "high";
  context.drawImage(bitmap, 0, 0, to.width, to.height);
  const blob = await canvas.convertToBlob({ type, quality: QUALITY });
  // A PNG photo can stay large even scaled down; the same pixels as a JPEG fit.
  return blob.size <= maxBytes ? blob : canvas.convertToBlob({ type: "image/jpeg", quality: QUALITY });
};

/**
 * Reads a chosen file in the browser and decides before any request: too large (by its size alone), not an
 * image (by its first bytes), undecodable or too small is refused; a picture over 2048 px is drawn smaller
 * so the upload stays small; anything else goes as it is, and the server turns it upright.
 */
export const prepareFile = async (file: Blob, rule: EditInputRule, progress: Progress): Promise<PreparedFile> => {
  const tooLarge = checkFileSize(file.size, rule);
  if (tooLarge) return { ok: false, refusal: tooLarge };
  const type = sniffImageType(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
  const bitmap = type ? await decode(file) : null;
  try {
    const size = bitmap && { width: bitmap.width, height: bitmap.height };
    const plan = planUpload(file.size, type, size, rule);
    if (!plan.ok) return plan;
    if (!bitmap || !size) return { ok: false, refusal: { code: "unreadable" } };
    if (!plan.scaleTo) return { ok: true, blob: file, original: size, sent: size };
    progress({ scaling: { from: size, to: plan.scaleTo } });
    return { ok: true, blob: await encode(bitmap, plan.scaleTo, plan.type, rule.maxBytes), original: size, sent: plan.scaleTo };
  } finally {
    bitmap?.close();
  }
};
