"use client";

import { createContext, use, useState, type ReactNode } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";
import { inputClass } from "@/components/ui/field";
import { parseTheme, themeCookie, THEMES, type Theme } from "@/lib/theme/theme";

/** The theme the server rendered (from the cookie, read once in the layout), where the switch starts. */
const ThemeContext = createContext<Theme>("system");

export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return <ThemeContext value={theme}>{children}</ThemeContext>;
}

/** System, light or dark; applied at once and remembered for the next visit. */
export function ThemeSwitch() {
  const t = useMessages().common;
  const [theme, setTheme] = useState<Theme>(use(ThemeContext));
  return (
    <label className="flex items-center gap-2 whitespace-nowrap text-sm text-slate-600 dark:text-slate-400">
      {t.theme}
      <select
        className={`${inputClass} w-auto py-1`}
        value={theme}
        onChange={(event) => {
          const next = parseTheme(event.target.value);
          setTheme(next);
          document.documentElement.dataset.theme = next;
          document.cookie = themeCookie(next);
        }}
      >
        {THEMES.map((value) => (
          <option key={value} value={value}>
            {t.themes[value]}
          </option>
        ))}
      </select>
    </label>
  );
}
