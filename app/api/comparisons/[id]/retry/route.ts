import { z } from "zod";
import { BLIND_ONE_COLUMN, hidesOutcomes } from "@/lib/compare/hidden-column";
import { AppError } from "@/lib/errors";
import { endedWithoutImages } from "@/lib/generation/view";
import { getHistory } from "@/lib/history";
import { clientItem } from "@/lib/history/client-view";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { getGenerationRateLimit } from "@/lib/limits";
import { clientKey, withTurns } from "@/lib/limits/rate-limit";

export const dynamic = "force-dynamic";

const bodySchema = z.strictObject({ column: z.string().min(1).max(100) });

/** Runs one column that ended without images again, in its place; answers 202 with the whole comparison. */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    const body = bodySchema.safeParse(await readJsonBody(request, 1024));
    if (!body.success) throw new AppError("invalid_request", "Say which column to retry: { column: <generation id> }.");
    const { id } = await params;
    const { store, runner } = await getHistory();
    const comparison = await store.getComparison(id);
    if (!comparison) throw notFound("This comparison");
    const column = comparison.columns.find(({ generation }) => generation.id === body.data.column);
    const notRetryable = () => new AppError("invalid_request", "Only a column that failed or was cancelled can be retried.");
    // Two retries of one column at once (two tabs, a double click): the later finds it replaced by the earlier's,
    // at whichever step it looks, and is told so rather than that the column is gone or cannot be retried.
    const refusal = async (otherwise: AppError) =>
      (await store.wasReplaced(body.data.column, id))
        ? new AppError("conflict", "That column was retried already (in another tab, or by someone else): its new attempt is in the comparison.")
        : otherwise;
    if (!column) throw await refusal(notFound("That column"));
    if (hidesOutcomes(comparison)) throw new AppError("conflict", BLIND_ONE_COLUMN);
    // Refused before a turn is taken: asking again for a column that already ran (another tab retried it)
    // starts nothing, so it costs the client nothing.
    if (!endedWithoutImages(column.generation.status)) throw notRetryable();
    await withTurns(await getGenerationRateLimit(), clientKey(request, sessionId), 1, async () => {
      const started = await runner.retryColumn(body.data.column).catch(async (error: unknown) => {
        throw error instanceof AppError ? await refusal(error) : error;
      });
      if (!started) throw await refusal(notRetryable());
    });
    const retried = await store.getComparison(id);
    return json(retried && clientItem(retried), 202);
  });
}
