import sharp from "sharp";
import { AppError } from "../errors";

// libvips' operation cache keeps decoded images around for reuse; every image here is seen once, so it only
// holds memory.
sharp.cache(false);

const MIME = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" } as const;

const THUMBNAIL_WIDTH = 480;

export type ImageInfo = {
  readonly width: number;
  readonly height: number;
  readonly mime: (typeof MIME)[keyof typeof MIME];
};

/** What an answer's image says it is (its header): one of the three formats, and its size. */
export const inspectImage = async (bytes: Buffer): Promise<ImageInfo> => {
  // sharp throws at once, not in its promise, when the buffer is empty (a link that answered 200 with nothing).
  const metadata = bytes.length === 0 ? null : await sharp(bytes).metadata().catch(() => null);
  const format = metadata?.format;
  if (!metadata?.width || !metadata.height || (format !== "png" && format !== "jpeg" && format !== "webp")) {
    throw new AppError("bad_upstream_response", "The gateway returned something that is not a PNG, JPEG or WebP image.");
  }
  return { width: metadata.width, height: metadata.height, mime: MIME[format] };
};

/**
 * The thumbnail of an answer's image. Making it decodes the whole image, which is the real check that the
 * bytes are an image and not only a header; so a result is kept only once its thumbnail is made.
 */
export const answerThumbnail = (bytes: Buffer): Promise<Buffer> =>
  makeThumbnail(bytes).catch(() => {
    throw new AppError("bad_upstream_response", "The gateway returned an image that does not decode.");
  });

/** Both at once, for whoever needs the thumbnail's bytes in hand (the benchmarks). */
export const processImage = async (bytes: Buffer): Promise<ImageInfo & { readonly thumbnail: Buffer }> => ({
  ...(await inspectImage(bytes)),
  thumbnail: await answerThumbnail(bytes),
});

/** The grid's small WebP of an image already known to decode. */
export const makeThumbnail = async (bytes: Buffer): Promise<Buffer> =>
  sharp(bytes)
    .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
    // Effort 2 of 6 encodes in half the time of the default 4 for a few percent more bytes (docs/benchmarks.md).
    .webp({ quality: 72, effort: 2 })
    .toBuffer();
