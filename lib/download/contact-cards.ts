import type { Locale } from "../i18n/locale";
import type { ImageStore } from "../store/types";
import type { ContactEntry, ContactPicture } from "./contact-sheet";
import { missingWords } from "./missing-words";
import type { TakeawayEntry } from "./set-results";
import { logUnreadable, readableThumbnail } from "./unreadable";

/**
 * A contact sheet's boxes for the entries, the first `most` of them: each image's thumbnail under its name and
 * prompt, or in its place why there is none (a generation that made none says its status: failed, cancelled,
 * still generating). One that cannot be read (damaged, a storage error) says so and is logged and counted, the
 * sheet made all the same. `over`: the boxes past `most`.
 */
export const contactCards = async (
  { entries, locale, most }: { entries: readonly TakeawayEntry[]; locale: Locale; most: number },
  { images }: { images: Pick<ImageStore, "read"> },
): Promise<{ cards: ContactEntry[]; over: number; unreadable: number }> => {
  const words = missingWords(locale);
  const all = entries.flatMap(({ name, generation }) => (generation.images.length > 0 ? generation.images : [null]).map((image) => ({ image, generation, label: name })));
  let unreadable = 0;
  const picture = async (id: string): Promise<ContactPicture> => {
    try {
      const image = await readableThumbnail(images, id);
      return image ? { image } : { missing: words.gone };
    } catch (error) {
      logUnreadable("contact sheet", id, error);
      unreadable += 1;
      return { missing: words.unreadable };
    }
  };
  const cards = await Promise.all(
    all.slice(0, most).map(async ({ image, generation, label }) => ({ label, prompt: generation.request.prompt, ...(image ? await picture(image.id) : { missing: words.status[generation.status] }) })),
  );
  return { cards, over: all.length - cards.length, unreadable };
};
