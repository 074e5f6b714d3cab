import type { Locale } from "./locale";

/** A message with a form for one and for many ("1 image" / "2 images"); Chinese uses `other` only. */
export type Plural = { readonly one: string; readonly other: string };

/** Fills `{name}` placeholders. Messages are plain strings so the server can hand them to the page as data. */
export const format = (template: string, values: Readonly<Record<string, string | number>> = {}): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

const rules = new Map<Locale, Intl.PluralRules>();

/** The form of `message` for `count`, filled; `{count}` is always available. */
export const plural = (locale: Locale, message: Plural, count: number, values: Readonly<Record<string, string | number>> = {}): string => {
  let rule = rules.get(locale);
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale)));
  return format(rule.select(count) === "one" ? message.one : message.other, { count, ...values });
};

/** A duration in seconds with one decimal, as the cards and the leaderboard show it. */
export const formatSeconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
