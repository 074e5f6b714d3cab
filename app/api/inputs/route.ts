import { z } from "zod";
import { inputTooLarge } from "@/lib/edit/input-image";
import { recordFromResult, recordUpload } from "@/lib/edit/record-input";
import { AppError } from "@/lib/errors";
import { getHistory } from "@/lib/history";
import { readBytesCapped, readJsonBody } from "@/lib/http/read-json-body";
import { json } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { getAccess } from "@/lib/access/gate";
import { getDecodeSlots, getUploadLimit } from "@/lib/limits";
import { clientKey } from "@/lib/limits/rate-limit";
import { ANY_EDIT_INPUT } from "@/lib/models/edit-models";

export const dynamic = "force-dynamic";

const fromResultSchema = z.strictObject({ imageId: z.string().min(1).max(64) });

/**
 * Puts an edit's input image on record. The body is the image's bytes (their type is read from the bytes,
 * whatever the header says), or JSON `{ "imageId": ... }` to start from a result in the history.
 */
export function POST(request: Request): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    await (await getUploadLimit())(clientKey(request, sessionId));
    // Taken before the body is read: the slot bounds the memory an upload holds, not only its decoding.
    const release = (await getDecodeSlots())();
    try {
      const [history, { config }] = await Promise.all([getHistory(), getAccess()]);
      const storage = { ...history, maxInputBytes: config.maxInputBytes };
      if (/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) {
        const parsed = fromResultSchema.safeParse(await readJsonBody(request, 1024));
        if (!parsed.success) throw new AppError("invalid_request", "Send the image's bytes, or { imageId } of a result in the history.");
        return json(await recordFromResult(storage, parsed.data.imageId), 201);
      }
      if (Number(request.headers.get("content-length") ?? "0") > ANY_EDIT_INPUT.maxBytes) throw inputTooLarge();
      const bytes = await readBytesCapped(request.body, ANY_EDIT_INPUT.maxBytes, inputTooLarge);
      if (bytes.length === 0) throw new AppError("invalid_request", "No image arrived: send the image's bytes as the request body.");
      return json(await recordUpload(storage, bytes), 201);
    } finally {
      release();
    }
  });
}
