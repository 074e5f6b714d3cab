import sharp from "sharp";
import { sniffImageType } from "../edit/sniff";

/** An image as a PNG, whatever it is stored as (an upload may be a JPEG or a WebP): told by its bytes, not by what its record says. */
export const asPng = async (bytes: Buffer): Promise<Buffer> => (sniffImageType(bytes) === "image/png" ? bytes : sharp(bytes).png().toBuffer());
