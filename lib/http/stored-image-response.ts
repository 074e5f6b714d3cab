import "server-only";
import { BLIND_SIDE, blindImage } from "../compare/blind-image";
import { isHidden } from "../compare/column-label";
import { aspectValue } from "../compare/fit-to-model";
import { isModelComparison } from "../generation/set-kind";
import { getStorage } from "../history/storage";
import { storedImageRecord } from "../history/stored-image";
import { itemAspect, openItemShowing } from "../polls/item-frame";
import type { GenerationStore } from "../store/types";
import { imageResponse } from "./image-response";
import { notFound } from "./responses";

/** The shape a generation's images are shown in while its blind comparison is unrevealed (the one asked of every model), or null. */
const hiddenAspect = async (store: Pick<GenerationStore, "get" | "getComparison">, generationId: string): Promise<number | null> => {
  const generation = await store.get(generationId);
  const comparison = generation?.comparisonId ? await store.getComparison(generation.comparisonId) : null;
  return comparison && isModelComparison(comparison) && isHidden(comparison) ? aspectValue(comparison.request.aspect) : null;
};

/** The shape an image a poll kept (its generation deleted since) is shown in while a poll that shows it is open, or null. */
const keptAspect = async (store: Pick<GenerationStore, "pollsShowing" | "pollImages">, id: string): Promise<number | null> => {
  const item = openItemShowing(await store.pollsShowing(id), id);
  return item && itemAspect(await store.pollImages(item.candidates.map((candidate) => candidate.imageId)));
};

/**
 * A stored image's stream as a response that lets it go when nothing will read it: a HEAD (answered by the
 * GET handler, whose body Next drops unread) or a browser gone before the answer was ready (Next does not
 * pipe it then). Held, each would keep a file open, or one of the bucket client's 50 sockets, for good.
 */
const released = (response: Response, body: ReadableStream<Uint8Array>, request: Request): Response => {
  const drop = () => void body.cancel().catch(() => undefined);
  if (request.method === "HEAD" || request.signal.aborted) {
    drop();
    return new Response(null, { status: response.status, headers: response.headers });
  }
  // Once Next pipes it, the stream is locked and Next cancels it itself when the browser goes.
  request.signal.addEventListener(
    "abort",
    () => {
      if (!body.locked) drop();
    },
    { once: true },
  );
  return response;
};

/**
 * A stored image (or its thumbnail) as the history shows it, streamed (the bytes are never all in memory: they
 * may come from a bucket) and kept by the browser for a year. While its blind comparison is unrevealed, or
 * (once its generation is deleted) while a poll that shows it is open, it is served anonymous instead (cropped
 * to the shape asked of every model, a JPEG without metadata) and never kept, so the original is what the
 * browser gets under this address after the reveal or the close.
 */
export const storedImageResponse = async (request: Request, id: string, variant: "full" | "thumb"): Promise<Response> => {
  const { store, images } = await getStorage();
  const image = await storedImageRecord(id);
  if (!image) throw notFound("This image");
  // Only a result has a generation; an edit's input is never hidden.
  const aspect = "generationId" in image ? await hiddenAspect(store, image.generationId) : "keptByPoll" in image ? await keptAspect(store, id) : null;
  if (aspect !== null) {
    const bytes = await images.read(id, variant);
    if (!bytes) throw notFound("This image");
    return imageResponse(await blindImage(bytes, aspect, BLIND_SIDE[variant]), "image/jpeg", { "cache-control": "private, no-store" });
  }
  const stream = await images.stream(id, variant);
  if (!stream) throw notFound("This image");
  return released(imageResponse(stream, variant === "thumb" ? "image/webp" : image.mime), stream.body, request);
};
