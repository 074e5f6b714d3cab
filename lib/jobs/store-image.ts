import { AppError } from "../errors";
import { redact } from "../gateway/redact";
import type { ImageStore } from "../store/types";
import { tryAgainAfter } from "../try-again";

/** The waits before each further try of a write the image store failed: a blip of a few seconds is ridden out. */
export const STORE_BACKOFF_MS: readonly number[] = [500, 2_000, 6_000];

/**
 * Writes an image the gateway has already billed, trying again after the store fails it (a bucket that blinked,
 * a connection reset): a failure here loses what was paid for. A thumbnail that cannot be made fails as an
 * AppError, the image's fault, not the store's, and is not tried again. Once the tries are spent it fails
 * saying so in words, and the log names the generation (the store's own error says nothing of which).
 */
export const storeBilledImage = async (
  images: Pick<ImageStore, "put">,
  image: { readonly generationId: string; readonly imageId: string; readonly bytes: Buffer; readonly thumbnail: Promise<Buffer> },
  backoffMs: readonly number[] = STORE_BACKOFF_MS,
): Promise<void> => {
  const failed = (attempt: number) => `storing an image of generation ${image.generationId} failed (try ${attempt} of ${backoffMs.length + 1})`;
  try {
    await tryAgainAfter(
      () => images.put(image.imageId, image.bytes, image.thumbnail),
      backoffMs,
      (error) => !(error instanceof AppError),
      (error, attempt, wait) => console.warn(redact(`${failed(attempt)}; trying again in ${wait} ms: ${String(error)}`)),
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    console.error(redact(`${failed(backoffMs.length + 1)}; it is lost, though billed: ${String(error)}`));
    throw new AppError(
      "storage_unavailable",
      "The image store could not be reached (or refused the write), so images the gateway returned could not be kept, though they are billed. Whoever runs the playground should check the image store; trying again is billed again.",
      { cause: error },
    );
  }
};
