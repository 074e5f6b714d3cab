import { toCsv } from "@/lib/batch/csv";
import { contentDisposition, setFileName } from "@/lib/download/file-name";
import { loadSetForDownload, setKindName } from "@/lib/download/load-set";
import { resultLines, resultTable } from "@/lib/download/set-results";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The set's results as CSV: prompt, revised prompt, model, seed, size, status and a link per image. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => {
    const set = await loadSetForDownload((await params).id);
    return new Response(toCsv(resultTable(resultLines(set, new URL(request.url).origin))), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": contentDisposition(setFileName(setKindName(set), set.request.prompt, "csv")),
        "cache-control": "no-store",
      },
    });
  });
}
