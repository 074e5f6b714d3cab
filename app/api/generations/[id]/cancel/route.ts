import { getHistory } from "@/lib/history";
import { clientGeneration } from "@/lib/history/client-view";
import { json, notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { historyItemOf, ownChangeHeaders } from "@/lib/events/sse";

export const dynamic = "force-dynamic";

/** Aborts the gateway call of a running generation and marks it cancelled. */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => {
    const { runner, store } = await getHistory();
    const generation = await runner.cancel((await params).id);
    if (!generation) throw notFound("This generation");
    return json(await clientGeneration(store, generation), 200, ownChangeHeaders(await store.lastChangeOf(historyItemOf(generation))));
  });
}
