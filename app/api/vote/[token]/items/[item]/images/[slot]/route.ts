import { getHistory } from "@/lib/history";
import { imageResponse } from "@/lib/http/image-response";
import { notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { blindImage } from "@/lib/compare/blind-image";
import { voterAccess } from "@/lib/polls/voter-access";
import { itemAspect } from "@/lib/polls/item-frame";
import { getVoteImages } from "@/lib/polls/vote-images";
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
      const { poll, voter } = await voterAccess(request, token, { seat: new URL(request.url).searchParams.get("seat") });
      const candidates = poll.items[Number(item)]?.candidates ?? [];
      const candidate = candidateAt(poll, voter, Number(item), Number(slot));
      if (!candidate) throw notFound("This image");
      const { store, images } = await getHistory();
      const aspect = itemAspect(await store.pollImages(candidates.map((entry) => entry.imageId)));
      if (aspect === null) throw notFound("This image");
      const jpeg = await (await getVoteImages())(`${candidate.imageId}@${aspect}`, async () => {
        const bytes = await images.read(candidate.imageId, "full");
        if (!bytes) throw notFound("This image");
        return blindImage(bytes, aspect);
      });
      return imageResponse(jpeg, "image/jpeg", { "cache-control": "private, no-store" });
    },
    { public: true },
  );
}
