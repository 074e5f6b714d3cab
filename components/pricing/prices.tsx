import { createContext, use } from "react";
import { useLocale } from "@/components/i18n/i18n-provider";
import { HTML_LANG } from "@/lib/i18n/locale";
import { DEFAULT_PRICES, formatMoney, imageCost, type PriceTable } from "@/lib/pricing/prices";

/** The deployment's price table (set once by the page, from the server's configuration). */
export const PricesContext = createContext<PriceTable>(DEFAULT_PRICES);

/** What images cost, and the amount written as money in the interface's language. */
export const useCost = () => {
  const prices = use(PricesContext);
  const locale = HTML_LANG[useLocale()];
  return {
    of: (model: string, images: number) => imageCost(prices, model, images),
    each: (model: string) => imageCost(prices, model, 1),
    money: (amount: number) => formatMoney(amount, prices.currency, locale),
  };
};
