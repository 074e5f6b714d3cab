import { getHistory } from "@/lib/history";
import { readUsage } from "@/lib/history/usage";
import { json } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * What is left: today's images against the budget and what they cost (an estimate), the per-minute rate, and
 * what runs now; with the last change of the history it includes at least, so a page can tell it from a newer
 * count the live stream brought meanwhile.
 */
export function GET(request: Request): Promise<Response> {
  return handleRoute(request, async () => {
    const { last } = await (await getHistory()).store.changeBounds();
    return json({ ...(await readUsage()), changeId: last });
  });
}
