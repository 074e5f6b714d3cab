import { notFound } from "../http/responses";
import { getStorage } from "./storage";

/** A result's record, or an edit input's (results and inputs share the id space and the image store). */
const recordOf = async (id: string) => {
  const { store } = await getStorage();
  return (await store.image(id)) ?? (await store.input(id));
};

/**
 * An image's record and bytes (original or thumbnail), or the app's 404 when either is missing. Only a result
 * has a generation.
 */
export const loadStoredImage = async (id: string, variant: "full" | "thumb") => {
  const { store, images } = await getStorage();
  const image = await recordOf(id);
  const bytes = image && (await images.read(id, variant));
  if (!image || !bytes) throw notFound("This image");
  return { image, bytes, generation: "generationId" in image ? await store.get(image.generationId) : null };
};

/** The same, as a stream to pass on: the bytes are never all in memory (they may come from a bucket). */
export const streamStoredImage = async (id: string, variant: "full" | "thumb") => {
  const { images } = await getStorage();
  const image = await recordOf(id);
  const stream = image && (await images.stream(id, variant));
  if (!image || !stream) throw notFound("This image");
  return { image, ...stream };
};
