import { getStorage } from "@/lib/history/storage";
import { imageResponse } from "@/lib/http/image-response";
import { notFound, respond } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** The small WebP the history grid shows. */
export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const { id } = await params;
    const { store, images } = await getStorage();
    const bytes = store.image(id) && (await images.read(id, "thumb"));
    if (!bytes) throw notFound("This image");
    return imageResponse(bytes, "image/webp");
  });
}
