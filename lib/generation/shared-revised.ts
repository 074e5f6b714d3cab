import type { ImageView } from "./view";

/**
 * The revised prompt all of a generation's images share, when it has several: said once under them, where
 * saying it under each would only repeat it. Null for one image, or images rewritten each their own way.
 */
export const sharedRevisedPrompt = (images: readonly Pick<ImageView, "revisedPrompt">[]): string | null => {
  const [first, ...rest] = images;
  return first !== undefined && rest.length > 0 && rest.every((image) => image.revisedPrompt === first.revisedPrompt) ? first.revisedPrompt : null;
};
