import { downloadChecked, isDownloadCheck } from "@/lib/download/download-check";
import { withDownloadTurn } from "@/lib/download/download-turn";
import { setFileName } from "@/lib/download/file-name";
import { loadSetForDownload, setKindName } from "@/lib/download/load-set";
import { captionWords, setEntries } from "@/lib/download/set-results";
import { contactSheetResponse } from "@/lib/download/takeaway-files";
import { handleRoute } from "@/lib/http/route";
import { localeOfRequest } from "@/lib/i18n/request-locale";

export const dynamic = "force-dynamic";

/** The set's images as thumbnails with captions (in the interface's language) on one printable PNG page. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    return withDownloadTurn(request, sessionId, async () => {
      const set = await loadSetForDownload((await params).id);
      if (isDownloadCheck(request)) return downloadChecked();
      const fileName = setFileName(setKindName(set), set.request.prompt, "png").replace(/\.png$/, "_contact-sheet.png");
      const locale = localeOfRequest(request);
      return contactSheetResponse({ title: set.request.prompt, entries: setEntries(set, captionWords(locale)), fileName, note: null, locale });
    });
  });
}
