/**
 * Stored images never change under their id, so the browser may keep them for a year; private, because
 * behind the access gate a shared cache must not hand them to someone without a session.
 */
export const imageResponse = (bytes: Buffer, mime: string, extra: Record<string, string> = {}): Response =>
  new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": mime,
      "content-length": String(bytes.length),
      "cache-control": "private, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      ...extra,
    },
  });
