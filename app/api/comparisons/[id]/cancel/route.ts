import { isActive, queuedFirst } from "@/lib/generation/view";
import { getHistory } from "@/lib/history";
import { clientItem } from "@/lib/history/client-view";
import { json, notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { ownChangeHeaders } from "@/lib/events/sse";

export const dynamic = "force-dynamic";

/**
 * Stops every unfinished column of a set at once (the waiting ones first) and
 * answers the set: how a blind comparison is cancelled, whose answers must not tell its columns apart.
 */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => {
    const { id } = await params;
    const { runner, store } = await getHistory();
    const set = await store.getComparison(id);
    if (!set) throw notFound("This comparison");
    const unfinished = set.columns.map(({ generation }) => generation).filter((generation) => isActive(generation.status));
    for (const generation of queuedFirst(unfinished)) await runner.cancel(generation.id);
    const cancelled = await store.getComparison(id);
    if (!cancelled) throw notFound("This comparison");
    return json(clientItem(cancelled), 200, ownChangeHeaders(await store.lastChangeOf({ kind: "comparison", id })));
  });
}
