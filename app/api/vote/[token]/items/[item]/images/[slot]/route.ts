import { getHistory } from "@/lib/history";
import { imageResponse } from "@/lib/http/image-response";
import { notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { blindImage } from "@/lib/polls/blind-image";
import { voterAccess } from "@/lib/polls/voter-access";
import { candidateAt } from "@/lib/polls/voter-view";

export const dynamic = "force-dynamic";

/**
 * An image as a voter sees it, by its place on their screen: the same size and format as its neighbours and
 * with no metadata, so nothing in the file tells the model either.
 */
export function GET(request: Request, { params }: { params: Promise<{ token: string; item: string; slot: string }> }): Promise<Response> {
  return handleRoute(
    request,
    async () => {
      const { token, item, slot } = await params;
      const { poll, voter } = await voterAccess(request, token);
      const candidates = poll.items[Number(item)]?.candidates ?? [];
      const candidate = candidateAt(poll, voter, Number(item), Number(slot));
      const first = candidates[0];
      if (!candidate || !first) throw notFound("This image");
      const { store, images } = await getHistory();
      // One frame for the whole item, taken from its first candidate (whichever a voter sees first).
      const [bytes, frame] = await Promise.all([images.read(candidate.imageId, "full"), store.image(first.imageId)]);
      if (!bytes || !frame) throw notFound("This image");
      return imageResponse(await blindImage(bytes, frame), "image/jpeg", { "cache-control": "private, no-store" });
    },
    { public: true },
  );
}
