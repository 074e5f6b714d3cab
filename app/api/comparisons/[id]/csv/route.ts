import { downloadChecked, isDownloadCheck } from "@/lib/download/download-check";
import { setFileName } from "@/lib/download/file-name";
import { loadSetForDownload, setKindName } from "@/lib/download/load-set";
import { setEntries } from "@/lib/download/set-results";
import { csvResponse } from "@/lib/download/takeaway-files";
import { publicOriginOf } from "@/lib/http/public-origin";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The set's results as CSV: prompt, revised prompt, model, seed, size, status and a link per image. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => {
    const set = await loadSetForDownload((await params).id);
    if (isDownloadCheck(request)) return downloadChecked();
    return csvResponse({ entries: setEntries(set), fileName: setFileName(setKindName(set), set.request.prompt, "csv"), origin: await publicOriginOf(request) });
  });
}
