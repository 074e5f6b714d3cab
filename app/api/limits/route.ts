import { getAccess } from "@/lib/access/gate";
import { getHistory } from "@/lib/history";
import { json } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { getPrices } from "@/lib/pricing/env";
import { imageCost } from "@/lib/pricing/prices";

export const dynamic = "force-dynamic";

/** What is left: today's images against the budget and what they cost (an estimate), the per-minute rate, and what runs now. */
export function GET(request: Request): Promise<Response> {
  return handleRoute(request, async () => {
    const [{ runner }, { config }] = await Promise.all([getHistory(), getAccess()]);
    const prices = getPrices();
    const { spentToday, ...usage } = await runner.usage();
    const costToday = spentToday.reduce((sum, { model, images }) => sum + imageCost(prices, model, images), 0);
    return json({ ...usage, costToday, currency: prices.currency, ratePerMinute: config.ratePerMinute, gated: config.password !== null });
  });
}
