import { streamStoredImage } from "@/lib/history/stored-image";
import { imageResponse } from "@/lib/http/image-response";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The small WebP the history list shows. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => {
    const { body, length } = await streamStoredImage((await params).id, "thumb");
    return imageResponse({ body, length }, "image/webp");
  });
}
