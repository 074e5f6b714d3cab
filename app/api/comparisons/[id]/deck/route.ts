import { downloadChecked, isDownloadCheck } from "@/lib/download/download-check";
import { withDownloadTurn } from "@/lib/download/download-turn";
import { setFileName } from "@/lib/download/file-name";
import { setKindName } from "@/lib/download/load-set";
import { numbered } from "@/lib/download/numbered-item";
import { deckResponse } from "@/lib/download/takeaway-files";
import { getHistory } from "@/lib/history";
import { notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { localeOfRequest } from "@/lib/i18n/request-locale";
import { TIME_ZONE_HEADER, timeZoneOf } from "@/lib/i18n/time-zone";

export const dynamic = "force-dynamic";

/** The set as a slide deck in the interface's language; a blind comparison not yet revealed under its letters. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    return withDownloadTurn(request, sessionId, async () => {
      const set = await (await getHistory()).store.getComparison((await params).id);
      if (!set) throw notFound("This item");
      if (isDownloadCheck(request)) return downloadChecked();
      const fileName = setFileName(setKindName(set), set.request.prompt, "pptx");
      return deckResponse({ title: set.request.prompt, items: numbered([set]), fileName, locale: localeOfRequest(request), timeZone: timeZoneOf(request.headers.get(TIME_ZONE_HEADER)), notes: [] });
    });
  });
}
