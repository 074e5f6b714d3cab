import { getAccess } from "@/lib/access/gate";
import { getHistory } from "@/lib/history";
import { json } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** What is left: today's images against the budget, the per-minute rate, and what runs now. */
export function GET(request: Request): Promise<Response> {
  return handleRoute(request, async () => {
    const [{ runner }, { config }] = await Promise.all([getHistory(), getAccess()]);
    return json({ ...runner.usage(), ratePerMinute: config.ratePerMinute, gated: config.password !== null });
  });
}
