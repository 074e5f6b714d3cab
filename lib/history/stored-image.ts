import { notFound } from "../http/responses";
import { getStorage } from "./storage";

/**
 * An image's record and bytes (original or thumbnail), or the app's 404 when either is missing. Results and
 * edit inputs share the id space and the files; only a result has a generation.
 */
export const loadStoredImage = async (id: string, variant: "full" | "thumb") => {
  const { store, images } = await getStorage();
  const image = (await store.image(id)) ?? (await store.input(id));
  const bytes = image && (await images.read(id, variant));
  if (!image || !bytes) throw notFound("This image");
  return { image, bytes, generation: "generationId" in image ? await store.get(image.generationId) : null };
};
