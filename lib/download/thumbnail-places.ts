import { runLimited } from "../async/run-limited";
import { boxedImage, type BoxPicture } from "../grid/grid-image";
import type { ImageStore } from "../store/types";
import type { MissingWords } from "./missing-words";
import { logUnreadable } from "./unreadable";

/**
 * A picture made of many (a contact sheet, a grid's PNG) holds each image as its thumbnail decoded once and
 * fitted to its box, small; a whole decoded thumbnail is large, so only this many are read and decoded at once,
 * however many the picture holds.
 */
const AT_ONCE = 4;

/**
 * Each image's box, by its id: its thumbnail, or that it is gone, or that it could not be read (damaged,
 * cut short, a storage error: logged for `file`, and counted once an image).
 */
export const thumbnailPlaces = async (
  ids: readonly string[],
  { images, box, file, words }: { images: Pick<ImageStore, "read">; box: number; file: string; words: Pick<MissingWords, "gone" | "unreadable"> },
): Promise<{ places: ReadonlyMap<string, BoxPicture>; unreadable: number }> => {
  let unreadable = 0;
  const place = async (id: string): Promise<BoxPicture> => {
    try {
      const bytes = await images.read(id, "thumb");
      return bytes ? { image: await boxedImage(bytes, box) } : { missing: words.gone };
    } catch (error) {
      logUnreadable(file, id, error);
      unreadable += 1;
      return { missing: words.unreadable };
    }
  };
  const places = await runLimited([...new Set(ids)], AT_ONCE, async (id) => [id, await place(id)] as const);
  return { places: new Map(places), unreadable };
};
