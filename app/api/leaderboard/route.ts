import { json } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { loadResults } from "@/lib/polls/results-data";

export const dynamic = "force-dynamic";

/** The ranking of models by every blind vote here (or one poll's: ?poll=<id>), with speed and cost beside it. */
export function GET(request: Request): Promise<Response> {
  return handleRoute(request, async () => {
    const { results, items, held, itemsHeld } = await loadResults(new URL(request.url).searchParams.get("poll"));
    return json({ ...results, items, held, itemsHeld });
  });
}
