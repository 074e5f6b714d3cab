import sharp from "sharp";
import type { ImageStore } from "../store/types";

/**
 * An image a file is made without because it could not be read (a damaged file, a storage error other than
 * not found): the file tells its reader it is missing; this tells whoever runs the server why.
 */
export const logUnreadable = (file: string, id: string, error: unknown): void => {
  console.error(`image ${id} could not be read for a ${file}, which goes on without it: ${error instanceof Error ? error.message : String(error)}`);
};

/**
 * An image's thumbnail for a picture made of many (null when it is gone). One that does not decode is thrown
 * as unreadable here, before the picture is composed, so its place says so and is counted: decoded whole, not
 * by its header alone, which a file cut short on disk still has.
 */
export const readableThumbnail = async (images: Pick<ImageStore, "read">, id: string): Promise<Buffer | null> => {
  const bytes = await images.read(id, "thumb");
  if (bytes) await sharp(bytes).raw().toBuffer();
  return bytes;
};
