import { parseListQuery } from "@/lib/generation/list-query-schema";
import { parseGenerateRequest } from "@/lib/generation/parse-request";
import type { ListedPage } from "@/lib/generation/view";
import { getHistory } from "@/lib/history";
import { clientItem } from "@/lib/history/client-view";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { answerStarted } from "@/lib/http/wait-for-jobs";
import { getGenerationRateLimit } from "@/lib/limits";
import { clientKey, withTurns } from "@/lib/limits/rate-limit";

export const dynamic = "force-dynamic";

/** A prompt of 2100 characters and every option fit in a few KB; 64 KB leaves room for CJK text. */
const MAX_BODY_BYTES = 64 * 1024;

/** Starts a generation as a server-side job and answers at once with its record (or, asked to wait, when it ends). */
export function POST(request: Request): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    const input = parseGenerateRequest(await readJsonBody(request, MAX_BODY_BYTES));
    const { runner, store } = await getHistory();
    const started = await withTurns(await getGenerationRateLimit(), clientKey(request, sessionId), 1, () => runner.start(input));
    return answerStarted(request, runner, started, [started.id], () => store.get(started.id), (view) => view.status === "running");
  });
}

/** The history, newest first, a page at a time, with optional search and filters. */
export function GET(request: Request): Promise<Response> {
  return handleRoute(request, async () => {
    const { starred, ...query } = parseListQuery(new URL(request.url).searchParams);
    const { store } = await getHistory();
    // Read first: the page is then at least as new as this id, which the page compares live events against.
    const last = await store.lastHistoryChange();
    const { items, nextCursor } = await store.list({ ...query, starred: starred === "1" });
    const page: ListedPage = { items: items.map(clientItem), nextCursor, changeId: last };
    return json(page);
  });
}
