import sharp from "sharp";

/** The long side a hidden image is shown at: in full (a poll's images, a blind comparison's), and as a thumbnail. */
export const BLIND_SIDE = { full: 1024, thumb: 480 } as const;

/** The frame of one hidden shape, `aspect` wide for 1 high, its long side `side`: the same for every model. */
export const blindFrame = (aspect: number, side: number = BLIND_SIDE.full): { width: number; height: number } =>
  aspect >= 1 ? { width: side, height: Math.round(side / aspect) } : { width: Math.round(side * aspect), height: side };

/**
 * An image made anonymous: cropped to one frame shared by every image it is shown beside (models of one
 * comparison differ by a few pixels in their sizes), re-encoded as a JPEG without any metadata (sharp keeps
 * none unless asked), so its size, format and text chunks are the same whichever model made it.
 */
export const blindImage = async (bytes: Buffer, aspect: number, side: number = BLIND_SIDE.full): Promise<Buffer> => {
  const { width, height } = blindFrame(aspect, side);
  return sharp(bytes).rotate().resize(width, height, { fit: "cover" }).jpeg({ quality: 88, mozjpeg: true }).toBuffer();
};
