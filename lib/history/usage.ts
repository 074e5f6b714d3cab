import "server-only";
import type { Usage } from "../api/limits";
import { getAccess } from "../access/gate";
import { getPrices } from "../pricing/env";
import { dayCost } from "../pricing/prices";
import { getHistory } from ".";

/** What is left today, as the page shows it: the limits route answers it, the live stream pushes it. */
export const readUsage = async (): Promise<Usage> => {
  const [{ runner }, { config }] = await Promise.all([getHistory(), getAccess()]);
  const prices = getPrices();
  const { spentToday, ...usage } = await runner.usage();
  return { ...usage, costToday: dayCost(prices, spentToday), currency: prices.currency, ratePerMinute: config.ratePerMinute, gated: config.password !== null };
};
