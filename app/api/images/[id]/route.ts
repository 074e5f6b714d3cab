import { getStorage } from "@/lib/history/storage";
import { imageResponse } from "@/lib/http/image-response";
import { notFound, respond } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** The stored image as the model made it. */
export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const { id } = await params;
    const { store, images } = await getStorage();
    const image = store.image(id);
    const bytes = image && (await images.read(id, "full"));
    if (!image || !bytes) throw notFound("This image");
    return imageResponse(bytes, image.mime);
  });
}
