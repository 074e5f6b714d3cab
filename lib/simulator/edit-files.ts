import { randomUUID } from "node:crypto";

/**
 * Edited images behind `url` answers. Unlike a generation, an edit cannot be drawn again from a token (its
 * input is far too big for a URL), so the newest results are kept in memory, bounded in count and in bytes;
 * an older link then answers 404, as an expired gateway link would.
 */
export type EditFileStore = {
  /** The new file's id, which is also its name under /v1/files/. */
  put(png: Buffer): string;
  get(id: string): Buffer | undefined;
};

/** Generation tokens are base64url JSON and so always start "eyJ"; this prefix cannot be one of them. */
export const EDIT_FILE_PREFIX = "edit-";

export const createEditFileStore = ({ maxFiles = 64, maxBytes = 256 * 1024 * 1024 } = {}): EditFileStore => {
  // A Map iterates in insertion order, so its first key is always the oldest file.
  const files = new Map<string, Buffer>();
  let bytes = 0;
  return {
    put: (png) => {
      const id = `${EDIT_FILE_PREFIX}${randomUUID().replaceAll("-", "")}`;
      files.set(id, png);
      bytes += png.length;
      for (const [oldest, file] of files) {
        if (files.size <= maxFiles && bytes <= maxBytes) break;
        // The newest file stays even alone over the byte budget: its link was just handed out.
        if (oldest === id) break;
        files.delete(oldest);
        bytes -= file.length;
      }
      return id;
    },
    get: (id) => files.get(id),
  };
};
