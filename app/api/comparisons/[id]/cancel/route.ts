import { getHistory } from "@/lib/history";
import { clientItem } from "@/lib/history/client-view";
import { json, notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { ownChangeHeaders } from "@/lib/events/sse";

export const dynamic = "force-dynamic";

/**
 * Stops every unfinished column or cell of a set (a comparison, grid or batch) in one write and answers the
 * set: once this request has reached the server, nothing of it is sent to the gateway, whatever the page does
 * next (a reload, a closed tab). How a blind comparison is cancelled, whose answers must not tell its columns
 * apart.
 */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => {
    const { id } = await params;
    const { runner, store } = await getHistory();
    const cancelled = await runner.cancelSet(id);
    if (!cancelled) throw notFound("This comparison");
    return json(clientItem(cancelled), 200, ownChangeHeaders(await store.lastChangeOf({ kind: "comparison", id })));
  });
}
