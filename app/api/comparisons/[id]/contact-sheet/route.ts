import { setFileName } from "@/lib/download/file-name";
import { loadSetForDownload, setKindName } from "@/lib/download/load-set";
import { setEntries } from "@/lib/download/set-results";
import { contactSheetResponse } from "@/lib/download/takeaway-files";
import { handleRoute } from "@/lib/http/route";
import { getGenerationRateLimit } from "@/lib/limits";
import { clientKey } from "@/lib/limits/rate-limit";

export const dynamic = "force-dynamic";

/** The set's images as thumbnails with captions on one printable PNG page. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    // Reading a set out is work: a download counts as a generation against the client's rate limit.
    await (await getGenerationRateLimit())(clientKey(request, sessionId));
    const set = await loadSetForDownload((await params).id);
    const fileName = setFileName(setKindName(set), set.request.prompt, "png").replace(/\.png$/, "_contact-sheet.png");
    return contactSheetResponse({ title: set.request.prompt, entries: setEntries(set), fileName, note: null });
  });
}
