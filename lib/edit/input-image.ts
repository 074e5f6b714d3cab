import sharp from "sharp";

/**
 * The picture an edit starts from, checked on the server before the gateway sees it: its type from its
 * bytes (never its name or the browser's word), its size, its pixel dimensions, and that it decodes whole.
 * A rotated phone photo is turned upright and its metadata (EXIF, GPS) dropped, so the model sees what the
 * user saw and nothing else travels.
 */

export const INPUT_IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type InputImageType = (typeof INPUT_IMAGE_TYPES)[number];

export const INPUT_IMAGE_LIMITS = {
  /** The gateway's own limit for an input image. */
  maxBytes: 10 * 1024 * 1024,
  /** The playground's bounds: smaller gives the model nothing to work with; larger is scaled down in the browser. */
  minSide: 256,
  maxSide: 4096,
} as const;

/** The type the bytes themselves declare (their magic number), whatever the file is called. */
export const sniffImageType = (bytes: Uint8Array): InputImageType | null => {
  const starts = (...values: number[]) => values.every((value, index) => bytes[index] === value);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
};

export type InputImage = { readonly mime: InputImageType; readonly width: number; readonly height: number; readonly bytes: Buffer };

export type InputImageCheck = { readonly ok: true; readonly image: InputImage } | { readonly ok: false; readonly reason: string };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const checkInputImage = async (bytes: Buffer): Promise<InputImageCheck> => {
  if (bytes.length > INPUT_IMAGE_LIMITS.maxBytes) {
    return { ok: false, reason: `The image is ${megabytes(bytes.length)}; the most the gateway takes is ${megabytes(INPUT_IMAGE_LIMITS.maxBytes)}.` };
  }
  const mime = sniffImageType(bytes);
  if (!mime) return { ok: false, reason: "That file is not a PNG, JPEG or WebP image (judged by its contents, not its name)." };
  let width: number;
  let height: number;
  let upright: Buffer;
  try {
    // failOn "truncated": a cut-off file is refused here rather than half-edited by the model.
    const image = sharp(bytes, { failOn: "truncated" });
    const metadata = await image.metadata();
    const rotated = (metadata.orientation ?? 1) >= 5;
    width = (rotated ? metadata.height : metadata.width) ?? 0;
    height = (rotated ? metadata.width : metadata.height) ?? 0;
    // Decoding it all is the only proof the pixels are there; rotate() with no angle applies the EXIF one.
    upright = await sharp(bytes, { failOn: "truncated" }).rotate().toFormat(mime === "image/jpeg" ? "jpeg" : mime === "image/png" ? "png" : "webp").toBuffer();
  } catch {
    return { ok: false, reason: "The image could not be read: the file is damaged or incomplete." };
  }
  const { minSide, maxSide } = INPUT_IMAGE_LIMITS;
  if (Math.min(width, height) < minSide) {
    return { ok: false, reason: `The image is ${width}*${height}; each side needs at least ${minSide} px for the model to work with.` };
  }
  if (Math.max(width, height) > maxSide) {
    return { ok: false, reason: `The image is ${width}*${height}; each side may be at most ${maxSide} px.` };
  }
  return { ok: true, image: { mime, width, height, bytes: upright } };
};

/** How the gateway takes an input image inside the JSON body. */
export const toDataUri = (image: InputImage): string => `data:${image.mime};base64,${image.bytes.toString("base64")}`;
