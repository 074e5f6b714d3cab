import type { GenerationStatus } from "../generation/view";
import type { Locale } from "../i18n/locale";
import { MESSAGES } from "../i18n/messages";

/**
 * Why a picture made of many (a contact sheet's box, a grid's cell) shows none, in its language: the
 * generation's status when it made none, its image no longer stored, or unreadable (as the deck says too).
 */
export type MissingWords = { readonly status: Readonly<Record<GenerationStatus, string>>; readonly gone: string; readonly unreadable: string };

export const missingWords = (locale: Locale): MissingWords => {
  const { sets, leaderboard } = MESSAGES[locale];
  return { status: sets.status, gone: leaderboard.imageGone, unreadable: sets.files.imageUnread };
};
