import { jsonResponse } from "./envelopes";
import { decodeImageToken } from "./image-token";
import { renderImage } from "./render";

/**
 * `GET /v1/files/<token>.png`: draws the picture again from its token. Cacheable for a day, the lifetime the
 * gateway gives its result URLs.
 */
export const handleFile = async (tokenText: string): Promise<Response> => {
  const token = decodeImageToken(tokenText);
  if (!token) return jsonResponse(404, { code: "NotFound", message: "No such image; the link may be malformed." });
  const png = await renderImage(token);
  return new Response(new Uint8Array(png), {
    status: 200,
    headers: { "content-type": "image/png", "cache-control": "public, max-age=86400" },
  });
};
