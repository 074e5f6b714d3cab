import { notFound } from "../http/responses";
import { getStorage } from "./storage";

/** A result's record, or an edit input's (results and inputs share the id space and the image store). */
export const storedImageRecord = async (id: string) => {
  const { store } = await getStorage();
  return (await store.image(id)) ?? (await store.input(id));
};

/**
 * An image's record and bytes (original or thumbnail), or the app's 404 when either is missing. Only a result
 * has a generation.
 */
export const loadStoredImage = async (id: string, variant: "full" | "thumb") => {
  const { store, images } = await getStorage();
  const image = await storedImageRecord(id);
  const bytes = image && (await images.read(id, variant));
  if (!image || !bytes) throw notFound("This image");
  return { image, bytes, generation: "generationId" in image ? await store.get(image.generationId) : null };
};
