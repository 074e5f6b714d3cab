import { streamStoredImage } from "@/lib/history/stored-image";
import { imageResponse } from "@/lib/http/image-response";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The stored image as the model made it. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => {
    const { image, ...stream } = await streamStoredImage((await params).id, "full");
    return imageResponse(stream, image.mime);
  });
}
