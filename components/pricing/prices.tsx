import { createContext, use } from "react";
import { useLocale } from "@/components/i18n/i18n-provider";
import { moneyWriter, NO_PAGE_PRICES, type PagePrices } from "@/lib/pricing/money-style";
import { imageCost } from "@/lib/pricing/prices";

/** The deployment's price table (set once by the page, from the server's configuration). */
export const PricesContext = createContext<PagePrices>(NO_PAGE_PRICES);

/** What images cost, and the amount written as money in the interface's language. */
export const useCost = () => {
  const prices = use(PricesContext);
  const money = moneyWriter(prices.styles, prices.currency, useLocale());
  return {
    of: (model: string, images: number) => imageCost(prices, model, images),
    each: (model: string) => imageCost(prices, model, 1),
    money,
  };
};
