import { z } from "zod";
import { inputTooLarge } from "@/lib/edit/input-image";
import { recordFromResult, recordUpload, type InputClient } from "@/lib/edit/record-input";
import { AppError } from "@/lib/errors";
import { getHistory } from "@/lib/history";
import { readBytesCapped, readJsonBody } from "@/lib/http/read-json-body";
import { json } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { getAccess } from "@/lib/access/gate";
import { getArrivalSlots, getDecodeSlots, getUploadLimit } from "@/lib/limits";
import { clientKey, inSlot, sessionOrAddress, withTurns } from "@/lib/limits/rate-limit";
import { watchArrival } from "@/lib/limits/upload-arrival";
import { ANY_EDIT_INPUT } from "@/lib/models/edit-models";

export const dynamic = "force-dynamic";

const fromResultSchema = z.strictObject({ imageId: z.string().min(1).max(64) });

/**
 * Puts an edit's input image on record. The body is the image's bytes (their type is read from the bytes,
 * whatever the header says), or JSON `{ "imageId": ... }` to start from a result in the history.
 */
export function POST(request: Request): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    const client = clientKey(request, sessionId);
    // Refused for being busy, an upload is not also counted against the client's minute.
    return withTurns(await getUploadLimit(), client, 1, async () => {
      const [history, { config }] = await Promise.all([getHistory(), getAccess()]);
      const storage = { ...history, maxInputBytes: config.maxInputBytes, maxClientInputBytes: config.maxClientInputBytes };
      // Its share of the inputs' room is counted by its session, or its address without a gate (`sessionOrAddress`).
      const uploader: InputClient = { key: sessionOrAddress(client), by: client.session === null ? "address" : "sign-in" };
      if (/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) {
        const parsed = fromResultSchema.safeParse(await readJsonBody(request, 1024));
        if (!parsed.success) throw new AppError("invalid_request", "Send the image's bytes, or { imageId } of a result in the history.");
        return json(await inSlot(await getDecodeSlots(), undefined, () => recordFromResult(storage, uploader, parsed.data.imageId)), 201);
      }
      if (Number(request.headers.get("content-length") ?? "0") > ANY_EDIT_INPUT.maxBytes) throw inputTooLarge();
      // Taken before the body is read: the slot bounds the memory of the bodies arriving. The decode's slot
      // is taken once the bytes are all here, so a slow sender holds up no one else's check.
      return inSlot(await getArrivalSlots(), client, async () => {
        const arrival = request.body && watchArrival(request.body);
        const bytes = await readBytesCapped(arrival?.body ?? null, ANY_EDIT_INPUT.maxBytes, inputTooLarge, arrival?.signal).finally(() => arrival?.stop());
        if (bytes.length === 0) throw new AppError("invalid_request", "No image arrived: send the image's bytes as the request body.");
        return json(await inSlot(await getDecodeSlots(), undefined, () => recordUpload(storage, uploader, bytes)), 201);
      });
    });
  });
}
