/** The colour theme: the system's, or one the user chose (kept in a cookie so the server renders it). */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "theme";

export const parseTheme = (value: string | undefined | null): Theme =>
  (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system";

/** A year, path-wide; not HttpOnly, since the switch writes it from the page. */
export const themeCookie = (theme: Theme): string => `${THEME_COOKIE}=${theme}; Path=/; Max-Age=31536000; SameSite=Lax`;
