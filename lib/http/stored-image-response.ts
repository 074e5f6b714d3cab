import "server-only";
import { BLIND_SIDE, blindImage } from "../compare/blind-image";
import { isHidden } from "../compare/column-label";
import { aspectValue } from "../compare/fit-to-model";
import { isModelComparison } from "../generation/set-kind";
import { getStorage } from "../history/storage";
import { streamStoredImage } from "../history/stored-image";
import { imageResponse } from "./image-response";
import { notFound } from "./responses";

/** The shape a result is shown in while its blind comparison is unrevealed (the one asked of every model), or null. */
const hiddenAspect = async (id: string): Promise<number | null> => {
  const { store } = await getStorage();
  const image = await store.image(id);
  const generation = image && (await store.get(image.generationId));
  const comparison = generation?.comparisonId ? await store.getComparison(generation.comparisonId) : null;
  return comparison && isModelComparison(comparison) && isHidden(comparison) ? aspectValue(comparison.request.aspect) : null;
};

/**
 * A stored image (or its thumbnail) as the history shows it, kept by the browser for a year. While its blind
 * comparison is unrevealed it is served anonymous instead (cropped to the shape asked of every model, a JPEG
 * without metadata) and never kept, so the original is what the browser gets under this address after the
 * reveal.
 */
export const storedImageResponse = async (id: string, variant: "full" | "thumb"): Promise<Response> => {
  const aspect = await hiddenAspect(id);
  if (aspect !== null) {
    const bytes = await (await getStorage()).images.read(id, variant);
    if (!bytes) throw notFound("This image");
    return imageResponse(await blindImage(bytes, aspect, BLIND_SIDE[variant]), "image/jpeg", { "cache-control": "private, no-store" });
  }
  const { image, ...stream } = await streamStoredImage(id, variant);
  return imageResponse(stream, variant === "thumb" ? "image/webp" : image.mime);
};
