"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";
import type { ModelName } from "@/lib/models/name-models";
import type { Theme } from "@/lib/theme/theme";
import { ThemeProvider } from "@/components/ui/theme-switch";
import { leaveSpentViewEntry } from "@/components/ui/view-entry";
import { leaveOnSignOutElsewhere } from "@/lib/access/sign-out-news";

export function Providers({ locale, messages, models, theme, children }: { locale: Locale; messages: Messages; models: readonly ModelName[]; theme: Theme; children: ReactNode }) {
  // Generations are paid and not idempotent: a failed one is shown, never retried behind the user's back.
  const [client] = useState(() => new QueryClient({ defaultOptions: { mutations: { retry: false } } }));
  useEffect(leaveSpentViewEntry, []);
  // Every page, not only those holding the live stream, leaves when another tab signs out.
  useEffect(leaveOnSignOutElsewhere, []);
  return (
    <I18nProvider locale={locale} messages={messages} models={models}>
      <ThemeProvider theme={theme}>
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      </ThemeProvider>
    </I18nProvider>
  );
}
