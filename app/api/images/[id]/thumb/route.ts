import { loadStoredImage } from "@/lib/history/stored-image";
import { imageResponse } from "@/lib/http/image-response";
import { respond } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** The small WebP the history list shows. */
export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const { bytes } = await loadStoredImage((await params).id, "thumb");
    return imageResponse(bytes, "image/webp");
  });
}
