import type { Metadata } from "next";
import { MESSAGES } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/request-locale";
import { buttonLinkClass } from "@/components/ui/link-class";

export async function generateMetadata(): Promise<Metadata> {
  return { title: MESSAGES[await requestLocale()].common.notFound.pageTitle, robots: { index: false } };
}

/**
 * Any address that leads nowhere: a mistyped one, or a share or vote link cut short. No client
 * component: the page is part of every page's payload, and one would add a script to every first load.
 */
export default async function NotFound() {
  const t = MESSAGES[await requestLocale()].common.notFound;
  return (
    <main className="mx-auto max-w-xl space-y-4 px-4 py-16">
      <h1 className="text-xl font-bold">{t.title}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">{t.body}</p>
      <a href="/" className={buttonLinkClass}>
        {t.back}
      </a>
    </main>
  );
}
