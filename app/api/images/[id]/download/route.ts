import { BLIND_DOWNLOAD } from "@/lib/compare/hidden-comparison";
import { inHiddenComparison } from "@/lib/compare/hidden-column";
import { AppError } from "@/lib/errors";
import { getStorage } from "@/lib/history/storage";
import { loadStoredImage } from "@/lib/history/stored-image";
import { imageResponse } from "@/lib/http/image-response";
import { notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { downloadablePng } from "@/lib/jobs/downloadable-png";

export const dynamic = "force-dynamic";

/** The image as a PNG file named after its model, seed and prompt, with its settings embedded as text. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => {
    const { image, bytes, generation } = await loadStoredImage((await params).id, "full");
    // An edit's input has no generation to name the file after; it is shown, not offered as a download.
    if (!generation || !("position" in image)) throw notFound("This image");
    if (await inHiddenComparison((await getStorage()).store, generation)) throw new AppError("forbidden", BLIND_DOWNLOAD);
    const file = await downloadablePng(bytes, generation, image);
    return imageResponse(file.png, "image/png", { "content-disposition": file.contentDisposition });
  });
}
