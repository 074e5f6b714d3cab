import { jsonResponse } from "./envelopes";
import { EDIT_FILE_PREFIX, type EditFileStore } from "./edit-files";
import { expiredLinkResponse, linkExpired } from "./file-links";
import { decodeImageToken } from "./image-token";
import { renderedFile, renderImage } from "./render";

/**
 * `GET /v1/files/<name>.png?Expires=...`: refused once its link has expired, as the object store refuses it;
 * otherwise a generation is drawn again from its token, and an edit is looked up among the newest kept in
 * memory. Cacheable for a day, the lifetime the gateway gives its result URLs (an id's bytes never change,
 * even once it is gone).
 */
export const handleFile = async (name: string, editFiles: EditFileStore, link: { readonly expires: string | null; readonly host: string }): Promise<Response> => {
  // A link without one was typed by hand (a test's); the gateway's always carry one.
  if (link.expires !== null && linkExpired(link.expires)) return expiredLinkResponse(link.host, link.expires);
  if (name.startsWith(EDIT_FILE_PREFIX)) {
    const png = editFiles.get(name);
    return png
      ? pngResponse(png)
      : jsonResponse(404, { code: "NotFound", message: "No such edited image; the simulator keeps only the newest edits, so the link may have expired." });
  }
  const kept = renderedFile(name);
  if (kept) return pngResponse(kept);
  const token = decodeImageToken(name);
  if (!token) return jsonResponse(404, { code: "NotFound", message: "No such image; the link may be malformed." });
  return pngResponse(await renderImage(token));
};

const pngResponse = (png: Buffer): Response =>
  new Response(new Uint8Array(png), {
    status: 200,
    headers: { "content-type": "image/png", "cache-control": "public, max-age=86400" },
  });
