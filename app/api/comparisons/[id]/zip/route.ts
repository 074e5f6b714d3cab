import { downloadChecked, isDownloadCheck } from "@/lib/download/download-check";
import { withDownloadTurn } from "@/lib/download/download-turn";
import { setFileName } from "@/lib/download/file-name";
import { loadSetForDownload, setKindName } from "@/lib/download/load-set";
import { setEntries } from "@/lib/download/set-results";
import { zipResponse } from "@/lib/download/takeaway-files";
import { handleRoute } from "@/lib/http/route";
import { publicOriginOf } from "@/lib/http/public-origin";
import { localeOfRequest } from "@/lib/i18n/request-locale";

export const dynamic = "force-dynamic";

/** Every image of the set as its PNG download, with manifest.csv and manifest.json, streamed. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    return withDownloadTurn(request, sessionId, async () => {
      const set = await loadSetForDownload((await params).id);
      if (isDownloadCheck(request)) return downloadChecked();
      return zipResponse({ entries: setEntries(set), fileName: setFileName(setKindName(set), set.request.prompt, "zip"), origin: await publicOriginOf(request), note: null, locale: localeOfRequest(request) });
    });
  });
}
