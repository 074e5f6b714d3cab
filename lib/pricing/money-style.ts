import { HTML_LANG, LOCALES, type Locale } from "../i18n/locale";
import { formatMoney, moneyDigits, type PriceTable } from "./prices";

/**
 * How a currency is written in a language, read once from Intl on the server, so the page writes money with
 * string work alone: a browser's first `Intl.NumberFormat` starts ICU's number formatting, about 30 ms of the
 * first load's main thread (120 ms under Lighthouse's 4x slowdown), spent inside hydration.
 */
export type MoneyStyle = {
  readonly prefix: string;
  readonly suffix: string;
  readonly negativePrefix: string;
  readonly negativeSuffix: string;
  readonly decimal: string;
  readonly group: string;
  /** The fewest integer digits that are grouped (4 in English: "1,234"; 5 where "1234" stays whole). */
  readonly groupFrom: number;
};

type Parts = readonly Intl.NumberFormatPart[];
const before = (parts: Parts) => parts.slice(0, parts.findIndex((part) => part.type === "integer")).map((part) => part.value).join("");
const after = (parts: Parts) => parts.slice(parts.findLastIndex((part) => part.type === "fraction") + 1).map((part) => part.value).join("");

/** The style of `currency` in `locale`; null where its digits are not grouped in threes (then Intl writes it). */
export const moneyStyle = (currency: string, locale: string): MoneyStyle | null => {
  const parts = (amount: number) => new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).formatToParts(amount);
  const positive = parts(1234567.25);
  const negative = parts(-1234567.25);
  const groups = positive.filter((part) => part.type === "integer").map((part) => part.value.length);
  if (groups.join() !== "1,3,3") return null;
  return {
    prefix: before(positive),
    suffix: after(positive),
    negativePrefix: before(negative),
    negativeSuffix: after(negative),
    decimal: positive.find((part) => part.type === "decimal")?.value ?? ".",
    group: positive.find((part) => part.type === "group")?.value ?? ",",
    groupFrom: parts(1234).some((part) => part.type === "group") ? 4 : 5,
  };
};

/** The currency's style in every language of the interface, for the page to write money with. */
export type MoneyStyles = Readonly<Record<Locale, MoneyStyle | null>>;
const styled = new Map<string, MoneyStyles>();
export const moneyStyles = (currency: string): MoneyStyles => {
  let styles = styled.get(currency);
  if (!styles) styled.set(currency, (styles = Object.fromEntries(LOCALES.map((locale) => [locale, moneyStyle(currency, HTML_LANG[locale])])) as Record<Locale, MoneyStyle | null>));
  return styles;
};

/**
 * `amount`'s digits rounded half away from zero to `digits` decimals. Like ICU, it rounds the shortest decimal
 * form of the number (0.0455 is "0.0455", so it rounds up to 0.046), not the binary value beneath it.
 */
const rounded = (amount: number, digits: number): { integer: string; fraction: string } => {
  const [mantissa = "0", exponent = "0"] = Math.abs(amount).toString().split("e");
  const [whole = "0", part = ""] = mantissa.split(".");
  let all = whole + part;
  let point = whole.length + Number(exponent);
  if (point <= 0) {
    all = "0".repeat(1 - point) + all;
    point = 1;
  }
  all = all.padEnd(point + digits + 1, "0");
  let kept = all.slice(0, point + digits);
  if (Number(all[point + digits]) >= 5) {
    // Carried by hand: the digits can be longer than a number holds exactly.
    const carried = [...kept];
    let at = carried.length - 1;
    while (at >= 0 && carried[at] === "9") carried[at--] = "0";
    if (at < 0) {
      carried.unshift("1");
      point++;
    } else carried[at] = String(Number(carried[at]) + 1);
    kept = carried.join("");
  }
  return { integer: kept.slice(0, point).replace(/^0+(?=\d)/, ""), fraction: kept.slice(point) };
};

/** `amount` written as `formatMoney` writes it, in `style`, without Intl. */
export const writeMoney = (style: MoneyStyle, amount: number): string => {
  const { min, max } = moneyDigits(amount);
  const { integer, fraction } = rounded(amount, max);
  const shown = fraction.slice(0, Math.max(min, fraction.replace(/0+$/, "").length));
  const grouped = integer.length >= style.groupFrom ? integer.replace(/\B(?=(\d{3})+$)/g, style.group) : integer;
  // As Intl: a minus on any amount below zero, even one that rounds to nothing ("-$0.00").
  const negative = amount < 0 || Object.is(amount, -0);
  return `${negative ? style.negativePrefix : style.prefix}${grouped}${style.decimal}${shown}${negative ? style.negativeSuffix : style.suffix}`;
};

/** Money in a style read on the server, or by Intl where there is none. */
export const moneyWriter = (styles: MoneyStyles, currency: string, locale: Locale) => {
  const style = styles[locale];
  // Not a number or endless: no cost is, but Intl is the one that knows how to write it.
  return (amount: number) => (style && Number.isFinite(amount) ? writeMoney(style, amount) : formatMoney(amount, currency, HTML_LANG[locale]));
};

/** A price table as a page receives it: with its currency's styles, so the page needs no Intl to show money. */
export type PagePrices = PriceTable & { readonly styles: MoneyStyles };
export const pagePrices = (table: PriceTable): PagePrices => ({ ...table, styles: moneyStyles(table.currency) });
/**
 * Outside a page that gives its own (each page that shows money does): nothing priced. Not the registries'
 * defaults, which would bring the editing models' registry into every page's first load to price nothing.
 */
export const NO_PAGE_PRICES: PagePrices = { currency: "USD", perImage: {}, styles: { en: null, zh: null } };
