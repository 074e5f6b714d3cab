/**
 * Stored images never change under their id, so the browser may keep them for a year; private, because
 * behind the access gate a shared cache must not hand them to someone without a session.
 */
export const imageResponse = (
  body: Buffer | { body: ReadableStream<Uint8Array>; length: number },
  mime: string,
  extra: Record<string, string> = {},
): Response => {
  const [content, length] = Buffer.isBuffer(body) ? [new Uint8Array(body), body.length] : [body.body, body.length];
  return new Response(content, {
    headers: {
      "content-type": mime,
      "content-length": String(length),
      "cache-control": "private, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      ...extra,
    },
  });
};
