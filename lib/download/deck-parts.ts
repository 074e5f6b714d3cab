import "server-only";
import sharp from "sharp";
import { getDeckSlots } from "../limits";
import { inSlot } from "../limits/rate-limit";
import type { ImageStore } from "../store/types";
import { buildDeck, type DeckImage, type DeckInput } from "./deck";
import { fileResponse } from "./file-name";

/** What every deck shares, whatever it shows: its pictures' size, and its making into a file. */

/** Pictures a deck holds: it is built whole in memory, each picture a JPEG of up to 1600 px. */
export const DECK_MAX_IMAGES = 300;

/** The long side of a picture on a slide: sharp on a projector, small enough for a deck of a hundred. */
const DECK_SIDE = 1600;

export const deckPicture = async (images: ImageStore, image: { readonly id: string }): Promise<DeckImage | null> => {
  const bytes = await images.read(image.id, "full");
  if (!bytes) return null;
  const { data, info } = await sharp(bytes).resize(DECK_SIDE, DECK_SIDE, { fit: "inside", withoutEnlargement: true }).jpeg({ quality: 85, mozjpeg: true }).toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};

/** The deck built, one at a time in this process (each holds its every picture in memory), as a download. */
export const deckDownload = async (input: DeckInput, fileName: string): Promise<Response> => {
  const deck = await inSlot(await getDeckSlots(), undefined, () => buildDeck(input));
  return fileResponse(deck, "application/vnd.openxmlformats-officedocument.presentationml.presentation", fileName);
};
