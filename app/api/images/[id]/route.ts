import { storedImageResponse } from "@/lib/http/stored-image-response";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The stored image as the model made it (anonymous while its blind comparison is unrevealed). */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => storedImageResponse(request, (await params).id, "full"));
}
