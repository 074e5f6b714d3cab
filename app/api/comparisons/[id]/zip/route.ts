import { setFileName } from "@/lib/download/file-name";
import { loadSetForDownload, setKindName } from "@/lib/download/load-set";
import { setEntries } from "@/lib/download/set-results";
import { zipResponse } from "@/lib/download/takeaway-files";
import { handleRoute } from "@/lib/http/route";
import { getGenerationRateLimit } from "@/lib/limits";
import { clientKey } from "@/lib/limits/rate-limit";

export const dynamic = "force-dynamic";

/** Every image of the set as its PNG download, with manifest.csv and manifest.json, streamed. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    // Reading a set out is work: a download counts as a generation against the client's rate limit.
    await (await getGenerationRateLimit())(clientKey(request, sessionId));
    const set = await loadSetForDownload((await params).id);
    return zipResponse({ entries: setEntries(set), fileName: setFileName(setKindName(set), set.request.prompt, "zip"), origin: new URL(request.url).origin, note: null });
  });
}
