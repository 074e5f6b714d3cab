import { toCsv } from "@/lib/batch/csv";
import { contentDisposition, setFileName } from "@/lib/download/file-name";
import { loadSetForDownload, setKindName } from "@/lib/download/load-set";
import { resultLines, resultTable, zipImageName } from "@/lib/download/set-results";
import { zipStream, type ZipEntry } from "@/lib/download/zip-stream";
import { getHistory } from "@/lib/history";
import { handleRoute } from "@/lib/http/route";
import { downloadablePng } from "@/lib/jobs/downloadable-png";

export const dynamic = "force-dynamic";

/**
 * Every image of the set as its PNG download (prompt, revised prompt and settings embedded), with
 * manifest.csv and manifest.json naming each file, streamed: one image in memory at a time, however many there are.
 */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => {
    const set = await loadSetForDownload((await params).id);
    const { store, images } = await getHistory();
    const origin = new URL(request.url).origin;
    async function* entries(): AsyncGenerator<ZipEntry> {
      for (const [position, { generation }] of set.columns.entries()) {
        for (const [index, image] of generation.images.entries()) {
          yield {
            name: zipImageName(position, generation, index),
            bytes: async () => {
              const [record, bytes] = await Promise.all([store.image(image.id), images.read(image.id, "full")]);
              return record && bytes ? (await downloadablePng(bytes, generation, record)).png : null;
            },
          };
        }
      }
      const lines = resultLines(set, origin);
      yield { name: "manifest.csv", bytes: async () => new TextEncoder().encode(toCsv(resultTable(lines))) };
      yield { name: "manifest.json", bytes: async () => new TextEncoder().encode(`${JSON.stringify(lines, null, 2)}\n`) };
    }
    return new Response(zipStream(entries()), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": contentDisposition(setFileName(setKindName(set), set.request.prompt, "zip")),
        "cache-control": "no-store",
      },
    });
  });
}
