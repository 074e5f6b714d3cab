import { renderContactSheet } from "@/lib/download/contact-sheet";
import { contentDisposition, setFileName } from "@/lib/download/file-name";
import { loadSetForDownload, setKindName } from "@/lib/download/load-set";
import { itemNames } from "@/lib/download/set-results";
import { getHistory } from "@/lib/history";
import { imageResponse } from "@/lib/http/image-response";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The set's images as thumbnails with captions on one printable PNG page. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => {
    const set = await loadSetForDownload((await params).id);
    const { images } = await getHistory();
    const names = itemNames(set);
    const entries = await Promise.all(
      set.columns.flatMap(({ generation }, position) =>
        (generation.images.length > 0 ? generation.images : [null]).map(async (image) => ({
          image: image ? await images.read(image.id, "thumb") : null,
          label: names[position] ?? String(position + 1),
          prompt: generation.request.prompt,
        })),
      ),
    );
    return imageResponse(await renderContactSheet(set.request.prompt, entries), "image/png", {
      "content-disposition": contentDisposition(setFileName(setKindName(set), set.request.prompt, "png").replace(/\.png$/, "_contact-sheet.png")),
      "cache-control": "no-store",
    });
  });
}
