"use client";

import { useTransition } from "react";
import { useLocale, useMessages } from "@/components/i18n/i18n-provider";
import { inputClass } from "@/components/ui/field";
import { useRefresh } from "@/components/ui/use-refresh";
import { LOCALE_NAMES, LOCALES, localeCookie, type Locale } from "@/lib/i18n/locale";

/**
 * English or 中文, remembered in a cookie. The server renders again in the new language (a refresh, not a
 * reload), so whatever is typed in the forms stays.
 */
export function LanguageSwitch() {
  const t = useMessages().common;
  const locale = useLocale();
  const refresh = useRefresh();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 whitespace-nowrap text-sm text-slate-600 dark:text-slate-400">
      {t.language}
      <select
        className={`${inputClass} w-auto py-1`}
        value={locale}
        aria-busy={pending}
        onChange={(event) => {
          document.cookie = localeCookie(event.target.value as Locale);
          startTransition(refresh);
        }}
      >
        {LOCALES.map((value) => (
          <option key={value} value={value} lang={value === "zh" ? "zh-CN" : "en"}>
            {LOCALE_NAMES[value]}
          </option>
        ))}
      </select>
    </label>
  );
}
