/** The interface languages, chosen by a cookie, else by the browser's Accept-Language, else English. */
export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_COOKIE = "lang";

/** Each language named in itself, as a language menu shows them. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", zh: "中文" };

/** The value of <html lang>. */
export const HTML_LANG: Record<Locale, string> = { en: "en", zh: "zh-CN" };

const isLocale = (value: string | null | undefined): value is Locale => (LOCALES as readonly string[]).includes(value ?? "");

/** The first language of Accept-Language (by quality) that the interface has. */
const fromAcceptLanguage = (header: string): Locale | null => {
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...parameters] = part.trim().split(";");
      const quality = Number(parameters.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean) ?? 1);
      return { language: tag.trim().toLowerCase().split("-")[0] ?? "", quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isLocale) ?? null;
};

export const pickLocale = (cookie: string | null | undefined, acceptLanguage: string | null | undefined): Locale =>
  isLocale(cookie) ? cookie : (acceptLanguage ? fromAcceptLanguage(acceptLanguage) : null) ?? "en";

export const localeCookie = (locale: Locale): string => `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
