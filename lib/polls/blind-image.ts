import sharp from "sharp";

/** The long side every image of a poll is shown at. */
export const BLIND_SIDE = 1024;

/**
 * An image made anonymous: cropped to the item's one frame, `aspect` wide for 1 high (models of one
 * comparison differ by a few pixels in their sizes), re-encoded as a JPEG without any metadata (sharp keeps none unless asked), so its size,
 * format and text chunks are the same whichever model made it.
 */
export const blindImage = async (bytes: Buffer, aspect: number): Promise<Buffer> => {
  const width = aspect >= 1 ? BLIND_SIDE : Math.round(BLIND_SIDE * aspect);
  const height = aspect >= 1 ? Math.round(BLIND_SIDE / aspect) : BLIND_SIDE;
  return sharp(bytes).rotate().resize(width, height, { fit: "cover" }).jpeg({ quality: 88, mozjpeg: true }).toBuffer();
};
