import "server-only";
import { getHistory } from "../history";
import { format } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import { MESSAGES } from "../i18n/messages";
import { keptLeftOutRows } from "../polls/left-out-lines";
import { pairColumns, pairRows, rankingColumns, rankingNotes, rankingRows } from "../polls/ranking-rows";
import type { loadResults } from "../polls/results-data";
import { votesLine } from "../polls/votes-line";
import { getPrices } from "../pricing/env";
import type { DeckPage } from "./deck";
import { DECK_MAX_IMAGES, deckDownload, deckPicture } from "./deck-parts";
import { setFileName } from "./file-name";
import { withinImages } from "./image-cap";
import { pollItemPages } from "./poll-item-pages";

/**
 * A poll's report as a slide deck, as its Results page shows it: how many voted, the ranking with each model's
 * speed and cost, the head-to-head counts, what the poll left out for want of images (once closed, as the page
 * says it), then each item's images side by side under their models' names
 * with the votes each got. The images are the poll's own (kept when it was made), so a comparison deleted
 * since takes nothing from the deck.
 */
export const pollDeckResponse = async (
  { polls, results, items, leftOut, held, itemsHeld }: Awaited<ReturnType<typeof loadResults>>,
  locale: Locale,
  timeZone: string | undefined,
): Promise<Response> => {
  const title = polls[0]?.title ?? "";
  const { images } = await getHistory();
  const { leaderboard: t, sets } = MESSAGES[locale];
  const { kept, leftOut: pastCap } = withinImages(items, (item) => item.candidates.length, DECK_MAX_IMAGES);
  // Held until the poll closes: the cover says so, and nothing else is in it.
  const pages: DeckPage[] = held ? [] : [
    { kind: "table", heading: t.heading, columns: rankingColumns(t), rows: rankingRows(results, t, getPrices().currency, locale) },
    ...(results.pairs.length > 0 ? [{ kind: "table", heading: t.pairs, columns: pairColumns(t), rows: pairRows(results) } as const] : []),
    ...(leftOut.length > 0
      ? [{ kind: "table", heading: t.leftOutTable.heading, columns: t.leftOutTable.columns, rows: keptLeftOutRows(leftOut, MESSAGES[locale]) } as const]
      : []),
    ...pollItemPages(kept, locale),
  ];
  const cover = [
    // Held, the counts are not the poll's (its votes wait for the close), as on its Results page.
    ...(held ? [] : [votesLine(locale, t, results), ...rankingNotes(results, t)]),
    ...(pastCap > 0 ? [format(sets.slides.capped, { count: DECK_MAX_IMAGES, left: pastCap })] : []),
    ...(held ? [t.held] : itemsHeld ? [t.itemsHeld] : []),
  ];
  return deckDownload({ title, locale, timeZone, cover, pages, image: (image) => deckPicture(images, image) }, setFileName("poll", title, "pptx"));
};
