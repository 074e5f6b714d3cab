import { downloadChecked, isDownloadCheck } from "@/lib/download/download-check";
import { withDownloadTurn } from "@/lib/download/download-turn";
import { takeawayFileName } from "@/lib/download/file-name";
import { pollDeckResponse } from "@/lib/download/poll-deck";
import { captionWords, FILE_WORDS } from "@/lib/download/set-results";
import { leftOutNotes, loadTakeaway, takeawayEntries, takeawaySource, takeawayTitle } from "@/lib/download/takeaway";
import { contactSheetResponse, csvResponse, deckResponse, zipResponse } from "@/lib/download/takeaway-files";
import { getHistory } from "@/lib/history";
import { notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { localeOfRequest } from "@/lib/i18n/request-locale";
import { TIME_ZONE_HEADER, timeZoneOf } from "@/lib/i18n/time-zone";
import { publicOriginOf } from "@/lib/http/public-origin";
import { loadResults } from "@/lib/polls/results-data";

export const dynamic = "force-dynamic";

const FORMATS = ["deck", "zip", "csv", "contact-sheet"] as const;

/**
 * Items chosen in the history (`?items=generation:<id>,comparison:<id>`), the favourites (`?starred=1`) or
 * the sets a poll was made of (`?poll=<id>`) taken away as a slide deck, a zip of PNGs with a manifest, a CSV
 * or a contact sheet; a poll's deck is its report instead (lib/download/poll-deck.ts). Items deleted since
 * they were chosen are left out and the file says so; so is an unrevealed blind comparison, except from the
 * deck, which shows it under its letters.
 */
export function GET(request: Request, { params }: { params: Promise<{ format: string }> }): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    const kind = (await params).format;
    if (!(FORMATS as readonly string[]).includes(kind)) throw notFound("This download");
    const url = new URL(request.url);
    const source = takeawaySource(url);
    return withDownloadTurn(request, sessionId, async () => {
      if (kind === "deck" && source.kind === "poll") {
        // A check asks only whether the poll is there: its report (the ranking's fit) is the deck's work.
        if (!isDownloadCheck(request)) return pollDeckResponse(await loadResults(source.id), localeOfRequest(request), timeZoneOf(request.headers.get(TIME_ZONE_HEADER)));
        if (!(await (await getHistory()).store.getPoll(source.id))) throw notFound("This poll");
        return downloadChecked();
      }
      const takeaway = await loadTakeaway(source);
      if (isDownloadCheck(request)) return downloadChecked();
      const count = takeaway.items.length;
      const locale = localeOfRequest(request);
      if (kind === "deck") {
        // The deck shows an unrevealed blind comparison under its letters: none is left out of it.
        const notes = leftOutNotes(locale, takeaway, 0);
        return deckResponse({ title: takeawayTitle(locale, takeaway), items: takeaway.items, fileName: takeawayFileName(takeaway.kind, count, "pptx"), locale, timeZone: timeZoneOf(request.headers.get(TIME_ZONE_HEADER)), notes });
      }
      // Named in English in the CSV and the zip, whose names outlive the page; captioned in its language on a contact sheet.
      const { entries, hidden } = takeawayEntries(takeaway.items, kind === "contact-sheet" ? captionWords(locale) : FILE_WORDS);
      const note = leftOutNotes(locale, takeaway, hidden).join(" ") || null;
      const origin = await publicOriginOf(request);
      if (kind === "zip") return zipResponse({ entries, fileName: takeawayFileName(takeaway.kind, count, "zip"), origin, note, locale });
      if (kind === "csv") return csvResponse({ entries, fileName: takeawayFileName(takeaway.kind, count, "csv"), origin, note });
      return contactSheetResponse({ title: takeawayTitle(locale, takeaway), entries, fileName: takeawayFileName(takeaway.kind, count, "png").replace(/\.png$/, "_contact-sheet.png"), note, locale });
    });
  });
}
