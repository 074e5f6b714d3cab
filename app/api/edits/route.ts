import { parseEditRequest } from "@/lib/generation/parse-request";
import { getHistory } from "@/lib/history";
import { readJsonBody } from "@/lib/http/read-json-body";
import { handleRoute } from "@/lib/http/route";
import { answerStarted } from "@/lib/http/wait-for-jobs";
import { getGenerationRateLimit } from "@/lib/limits";
import { clientKey, withTurns } from "@/lib/limits/rate-limit";

export const dynamic = "force-dynamic";

/** The input image travels by id (POST /api/inputs), so an edit's body is as small as a generation's. */
const MAX_BODY_BYTES = 64 * 1024;

/** Starts an edit of an input image on record as a server-side job; answers at once (or, asked to wait, when it ends). */
export function POST(request: Request): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    const body = await readJsonBody(request, MAX_BODY_BYTES);
    const { runner, store } = await getHistory();
    const input = await parseEditRequest(body, (id) => store.input(id));
    const started = await withTurns(await getGenerationRateLimit(), clientKey(request, sessionId), 1, () => runner.start(input));
    return answerStarted(request, runner, started, [started.id], () => store.get(started.id), (view) => view.status === "running");
  });
}
