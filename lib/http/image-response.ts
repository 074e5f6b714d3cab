/** Stored images never change under their id, so browsers and proxies may keep them for a year. */
export const imageResponse = (bytes: Buffer, mime: string, extra: Record<string, string> = {}): Response =>
  new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": mime,
      "content-length": String(bytes.length),
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      ...extra,
    },
  });
