import { parseGridRequest } from "@/lib/generation/parse-request";
import { cellCount } from "@/lib/grid/grid-plan";
import { isActive } from "@/lib/generation/view";
import { getHistory } from "@/lib/history";
import { readJsonBody } from "@/lib/http/read-json-body";
import { handleRoute } from "@/lib/http/route";
import { answerStarted } from "@/lib/http/wait-for-jobs";
import { getGenerationRateLimit } from "@/lib/limits";
import { clientKey } from "@/lib/limits/rate-limit";

export const dynamic = "force-dynamic";

/** Prompt variables and named lists make a grid's body the largest the playground takes. */
const MAX_BODY_BYTES = 256 * 1024;

/** Queues one generation per cell, recorded together as one history item; answers at once. */
export function POST(request: Request): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    const input = parseGridRequest(await readJsonBody(request, MAX_BODY_BYTES));
    await (await getGenerationRateLimit())(clientKey(request, sessionId), cellCount(input));
    const { runner, store } = await getHistory();
    const started = await runner.startGrid(input);
    return answerStarted(
      request,
      runner,
      started,
      started.columns.map((column) => column.generation.id),
      () => store.getComparison(started.id),
      (view) => view.columns.some((column) => isActive(column.generation.status)),
    );
  });
}
