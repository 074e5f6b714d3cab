import "server-only";
import sharp from "sharp";
import { format } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import { MESSAGES } from "../i18n/messages";
import type { ImageStore } from "../store/types";
import type { DeckImage } from "./deck";
import { fileResponse } from "./file-name";

/** What every deck shares, whatever it shows: its pictures' size, its subtitle and its answer as a file. */

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

/** "{count} slides · {date} · OneToken Image Playground", in the interface's language. */
export const deckSubtitle = (locale: Locale, slides: number): string =>
  format(MESSAGES[locale].sets.slides.subtitle, { count: slides, date: new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "long" }).format(new Date()) });

export const deckFile = (deck: Buffer, fileName: string): Response =>
  fileResponse(new Uint8Array(deck), "application/vnd.openxmlformats-officedocument.presentationml.presentation", fileName);
