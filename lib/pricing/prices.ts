/**
 * What an image costs, per model: the registries' estimates in US dollars, or the operator's own figures
 * (IMAGE_PRICES, in IMAGE_PRICE_CURRENCY, read by price-config.ts). Every figure shown is labelled an
 * estimate: the gateway's invoice is the truth. Pure and small, since the page uses it too (the registries'
 * own figures are in default-prices.ts).
 */

export type PriceTable = {
  /** ISO 4217, e.g. "USD". */
  readonly currency: string;
  /** Per model id: one image. A generating and an editing model of the same id share a price. */
  readonly perImage: Readonly<Record<string, number>>;
};

/** What `images` of `model` cost; a model without a price costs nothing known (0). */
export const imageCost = (prices: PriceTable, model: string, images: number): number => (prices.perImage[model] ?? 0) * images;

const BLIND = "blind:";

/**
 * What a column of a blind comparison not yet revealed is counted under in the day's spend: its comparison's
 * models together, priced at their mean, as its card prices it. Counted under its own model, today's cost would
 * rise by that model's price as each column ended, and say which column it was.
 */
export const blindSpendKey = (models: readonly string[]): string => `${BLIND}${[...models].sort().join(",")}`;

/** What a day's spend row costs: a model's images at its price, a blind key's at its models' mean. */
export const spendCost = (prices: PriceTable, key: string, images: number): number => {
  if (!key.startsWith(BLIND)) return imageCost(prices, key, images);
  const models = key.slice(BLIND.length).split(",");
  return models.reduce((sum, model) => sum + imageCost(prices, model, images), 0) / Math.max(1, models.length);
};

/**
 * What a day's spend rows cost together, to a millionth of the currency: summed prices carry binary noise
 * (0.1 + 0.2 is 0.30000000000000004) that the limits route would otherwise hand its readers.
 */
export const dayCost = (prices: PriceTable, spent: ReadonlyArray<{ readonly model: string; readonly images: number }>): number =>
  Math.round(spent.reduce((sum, { model, images }) => sum + spendCost(prices, model, images), 0) * 1e6) / 1e6;

/** Cents, and a tenth of a cent below a dime, so a cheap image's price does not read "$0.00". */
export const moneyDigits = (amount: number) => ({ min: 2, max: amount > 0 && amount < 0.1 ? 3 : 2 });

/** An amount as people read money in their language: "$0.06", "US$0.06", "¥0.50". */
export const formatMoney = (amount: number, currency: string, locale: string): string => {
  const { min, max } = moneyDigits(amount);
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: min, maximumFractionDigits: max }).format(amount);
};
