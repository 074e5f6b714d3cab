import { BLIND_ONE_COLUMN, hidesOutcomes } from "@/lib/compare/hidden-column";
import { AppError } from "@/lib/errors";
import { getHistory } from "@/lib/history";
import { clientGeneration } from "@/lib/history/client-view";
import { json, notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { historyItemOf, ownChangeHeaders } from "@/lib/events/sse";

export const dynamic = "force-dynamic";

/**
 * Aborts the gateway call of a running generation and marks it cancelled. A column of a blind comparison
 * that keeps its outcomes back is stopped with its comparison (POST /api/comparisons/<id>/cancel).
 */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => {
    const { runner, store } = await getHistory();
    const { id } = await params;
    const column = await store.get(id);
    const comparison = column?.comparisonId ? await store.getComparison(column.comparisonId) : null;
    if (comparison && hidesOutcomes(comparison)) throw new AppError("conflict", BLIND_ONE_COLUMN);
    const generation = await runner.cancel(id);
    if (!generation) throw notFound("This generation");
    return json(await clientGeneration(store, generation), 200, ownChangeHeaders(await store.lastChangeOf(historyItemOf(generation))));
  });
}
