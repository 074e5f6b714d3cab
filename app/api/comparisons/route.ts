import { isActive } from "@/lib/generation/view";
import { parseCompareRequest } from "@/lib/generation/parse-request";
import { getHistory } from "@/lib/history";
import { readJsonBody } from "@/lib/http/read-json-body";
import { handleRoute } from "@/lib/http/route";
import { answerStarted } from "@/lib/http/wait-for-jobs";
import { getGenerationRateLimit } from "@/lib/limits";
import { clientKey } from "@/lib/limits/rate-limit";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 64 * 1024;

/** Starts one generation per chosen model, recorded together as one comparison; answers at once. */
export function POST(request: Request): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    const input = parseCompareRequest(await readJsonBody(request, MAX_BODY_BYTES));
    await (await getGenerationRateLimit())(clientKey(request, sessionId), input.models.length);
    const { runner, store } = await getHistory();
    const started = await runner.startComparison(input);
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
