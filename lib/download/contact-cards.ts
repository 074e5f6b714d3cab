import type { Locale } from "../i18n/locale";
import type { ImageStore } from "../store/types";
import { CONTACT_SHEET, type ContactEntry } from "./contact-sheet";
import { missingWords } from "./missing-words";
import type { TakeawayEntry } from "./set-results";
import { thumbnailPlaces } from "./thumbnail-places";

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
  const shown = all.slice(0, most);
  const { places, unreadable } = await thumbnailPlaces(
    shown.flatMap(({ image }) => (image ? [image.id] : [])),
    { images, box: CONTACT_SHEET.thumb, file: "contact sheet", words },
  );
  const cards = shown.map(({ image, generation, label }) => ({
    label,
    prompt: generation.request.prompt,
    ...((image && places.get(image.id)) ?? { missing: words.status[generation.status] }),
  }));
  return { cards, over: all.length - cards.length, unreadable };
};
