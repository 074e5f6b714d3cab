import { z } from "zod";
import { inputTooLarge } from "@/lib/edit/input-image";
import { recordFromResult, recordUpload } from "@/lib/edit/record-input";
import { AppError } from "@/lib/errors";
import { getHistory } from "@/lib/history";
import { readBytesCapped, readJsonBody } from "@/lib/http/read-json-body";
import { json } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { getAccess } from "@/lib/access/gate";
import { getArrivalSlots, getDecodeSlots, getUploadLimit } from "@/lib/limits";
import { clientKey, withTurns } from "@/lib/limits/rate-limit";
import { ANY_EDIT_INPUT } from "@/lib/models/edit-models";

export const dynamic = "force-dynamic";

const fromResultSchema = z.strictObject({ imageId: z.string().min(1).max(64) });

/**
 * Puts an edit's input image on record. The body is the image's bytes (their type is read from the bytes,
 * whatever the header says), or JSON `{ "imageId": ... }` to start from a result in the history.
 */
export function POST(request: Request): Promise<Response> {
  return handleRoute(request, async (sessionId) =>
    // Refused for being busy, an upload is not also counted against the client's minute.
    withTurns(await getUploadLimit(), clientKey(request, sessionId), 1, async () => {
      const [history, { config }] = await Promise.all([getHistory(), getAccess()]);
      const storage = { ...history, maxInputBytes: config.maxInputBytes };
      if (/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) {
        const parsed = fromResultSchema.safeParse(await readJsonBody(request, 1024));
        if (!parsed.success) throw new AppError("invalid_request", "Send the image's bytes, or { imageId } of a result in the history.");
        return json(await holding(getDecodeSlots, () => recordFromResult(storage, parsed.data.imageId)), 201);
      }
      if (Number(request.headers.get("content-length") ?? "0") > ANY_EDIT_INPUT.maxBytes) throw inputTooLarge();
      // Taken before the body is read: the slot bounds the memory of the bodies arriving. The decode's slot
      // is taken once the bytes are all here, so a slow sender holds up no one else's check.
      return holding(getArrivalSlots, async () => {
        const bytes = await readBytesCapped(request.body, ANY_EDIT_INPUT.maxBytes, inputTooLarge);
        if (bytes.length === 0) throw new AppError("invalid_request", "No image arrived: send the image's bytes as the request body.");
        return json(await holding(getDecodeSlots, () => recordUpload(storage, bytes)), 201);
      });
    }),
  );
}

/** Does the work in one of these slots (refused at once when none is free). */
const holding = async <T>(slots: () => Promise<() => () => void>, work: () => Promise<T>): Promise<T> => {
  const release = (await slots())();
  try {
    return await work();
  } finally {
    release();
  }
};
