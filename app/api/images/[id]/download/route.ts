import { getStorage } from "@/lib/history/storage";
import { imageResponse } from "@/lib/http/image-response";
import { notFound, respond } from "@/lib/http/responses";
import { downloadablePng } from "@/lib/jobs/downloadable-png";

export const dynamic = "force-dynamic";

/** The image as a PNG file named after its model, seed and prompt, with its settings embedded as text. */
export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const { id } = await params;
    const { store, images } = await getStorage();
    const image = store.image(id);
    const generation = image && store.get(image.generationId);
    const bytes = image && (await images.read(id, "full"));
    if (!image || !generation || !bytes) throw notFound("This image");
    const file = await downloadablePng(bytes, generation, image);
    return imageResponse(file.png, "image/png", { "content-disposition": file.contentDisposition });
  });
}
