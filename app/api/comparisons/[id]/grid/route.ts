import { downloadChecked, isDownloadCheck } from "@/lib/download/download-check";
import { missingWords } from "@/lib/download/missing-words";
import { withDownloadTurn } from "@/lib/download/download-turn";
import { contentDisposition, setFileName } from "@/lib/download/file-name";
import { AppError } from "@/lib/errors";
import { renderGridImage } from "@/lib/grid/grid-image";
import { gridImageInput } from "@/lib/grid/grid-image-input";
import { isGrid } from "@/lib/generation/set-kind";
import { getHistory } from "@/lib/history";
import { imageResponse } from "@/lib/http/image-response";
import { notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { MESSAGES } from "@/lib/i18n/messages";
import { localeOfRequest } from "@/lib/i18n/request-locale";

export const dynamic = "force-dynamic";

/**
 * The grid as one PNG with its axis labels, in the interface's language; cells still running say so, and so do
 * cells whose image could not be read (a storage outage draws the grid with notes, as the zip and deck are made).
 */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    // Drawing the picture is work the server does per request: it counts against the limit, as the other files do.
    return withDownloadTurn(request, sessionId, async () => {
      const { store, images } = await getHistory();
      const grid = await store.getComparison((await params).id);
      if (!grid) throw notFound("This grid");
      if (!isGrid(grid)) throw new AppError("invalid_request", "Only a grid is downloaded as one image; a comparison's images download one by one.");
      if (isDownloadCheck(request)) return downloadChecked();
      const locale = localeOfRequest(request);
      const t = MESSAGES[locale].grid;
      const words = { axisNames: t.axisNames, axisValue: t.axisValue, values: t.values, corner: t.card.corner, ...missingWords(locale) };
      const input = await gridImageInput(grid, words, images);
      return imageResponse(await renderGridImage(input), "image/png", {
        "content-disposition": contentDisposition(setFileName("grid", grid.request.prompt, "png")),
        // Cells fill in as they finish: a later download must not be an older copy.
        "cache-control": "no-store",
      });
    });
  });
}
