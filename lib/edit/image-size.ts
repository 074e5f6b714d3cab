import type { Size } from "../models/size-rules";
import type { InputImageType } from "./sniff";

/**
 * The pixel size an image file declares in its header, read without decoding it, so a small file that
 * declares a vast picture is refused before a browser tab tries to hold it. Null when the header is not in
 * `bytes` (a JPEG can carry megabytes of metadata before its size) or cannot be read: the caller then
 * decodes as usual. The EXIF orientation is not applied: it swaps the sides, not their product.
 */
export const readImageSize = (bytes: Uint8Array, type: InputImageType): Size | null => {
  const at = (index: number) => bytes[index] ?? 0;
  const u16be = (index: number) => (at(index) << 8) | at(index + 1);
  const u16le = (index: number) => at(index) | (at(index + 1) << 8);
  const u24le = (index: number) => at(index) | (at(index + 1) << 8) | (at(index + 2) << 16);
  const u32be = (index: number) => at(index) * 2 ** 24 + (at(index + 1) << 16) + (at(index + 2) << 8) + at(index + 3);
  const size = (width: number, height: number): Size | null => (width > 0 && height > 0 ? { width, height } : null);

  switch (type) {
    case "image/png":
      // The IHDR chunk always comes first, right after the 8-byte signature.
      return bytes.length >= 24 ? size(u32be(16), u32be(20)) : null;
    case "image/webp": {
      if (bytes.length < 30) return null;
      const chunk = String.fromCharCode(at(12), at(13), at(14), at(15));
      if (chunk === "VP8 ") return size(u16le(26) & 0x3fff, u16le(28) & 0x3fff);
      if (chunk === "VP8L") {
        return size(1 + (((at(22) & 0x3f) << 8) | at(21)), 1 + (((at(24) & 0x0f) << 10) | (at(23) << 2) | ((at(22) & 0xc0) >> 6)));
      }
      if (chunk === "VP8X") return size(1 + u24le(24), 1 + u24le(27));
      return null;
    }
    case "image/jpeg": {
      // Marker by marker to the first start-of-frame; C4, C8 and CC share its range but are not frames.
      let index = 2;
      while (index + 9 < bytes.length) {
        if (at(index) !== 0xff) return null;
        const marker = at(index + 1);
        if (marker === 0xff) {
          index++;
          continue;
        }
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
          return size(u16be(index + 7), u16be(index + 5));
        }
        index += marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9) ? 2 : 2 + u16be(index + 2);
      }
      return null;
    }
  }
};
