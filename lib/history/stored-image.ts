import { notFound } from "../http/responses";
import { getStorage } from "./storage";

/**
 * A result's record, or an edit input's, or one a poll kept of a result deleted since (all share the id space
 * and the image store). Only a result still on record says its generation; only a kept one is `keptByPoll`.
 */
export const storedImageRecord = async (id: string) => {
  const { store } = await getStorage();
  const kept = async () => {
    const [image] = await store.pollImages([id]);
    return image ? { id: image.id, width: image.width, height: image.height, mime: image.mime, bytes: image.bytes, keptByPoll: true as const } : null;
  };
  return (await store.image(id)) ?? (await store.input(id)) ?? (await kept());
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
