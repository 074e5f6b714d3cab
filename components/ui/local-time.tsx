"use client";

import { useEffect, useState } from "react";
import { useLocale } from "@/components/i18n/i18n-provider";
import { HTML_LANG, type Locale } from "@/lib/i18n/locale";

const utc = (value: number) => `${new Date(value).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The reader's own regional form of the interface's language (an en-GB reader keeps day-first dates), else the language itself. */
const dateLocale = (locale: Locale): string =>
  navigator.languages.find((tag) => tag.toLowerCase().split("-")[0] === locale) ?? HTML_LANG[locale];

/**
 * A moment in the reader's own time zone, in the interface's language. The server renders UTC (it cannot
 * know the reader's zone) and the browser swaps in local time after hydrating, so the two renders never disagree.
 */
export function LocalTime({ value }: { value: number }) {
  const locale = useLocale();
  const [text, setText] = useState(() => utc(value));
  useEffect(() => setText(new Date(value).toLocaleString(dateLocale(locale))), [value, locale]);
  return <time dateTime={new Date(value).toISOString()}>{text}</time>;
}
