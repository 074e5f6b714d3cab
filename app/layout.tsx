import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { HTML_LANG } from "@/lib/i18n/locale";
import { MESSAGES } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/request-locale";
import { MODEL_NAMES } from "@/lib/models/model-names";
import { parseTheme, THEME_COOKIE } from "@/lib/theme/theme";
import { Providers } from "./providers";

/** In the reader's language, as every page's own title is; a page without one (the playground) takes this. */
export async function generateMetadata(): Promise<Metadata> {
  const { playground } = MESSAGES[await requestLocale()];
  return { title: playground.title, description: playground.description };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await requestLocale();
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang={HTML_LANG[locale]} data-theme={theme}>
      <body className="min-h-screen bg-slate-50 dark:bg-slate-950 text-slate-900 dark:text-slate-100 antialiased">
        <Providers locale={locale} messages={MESSAGES[locale]} models={MODEL_NAMES} theme={theme}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
