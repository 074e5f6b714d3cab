import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { unlessUnreached } from "@/components/database-unreached";
import { OpenPage } from "@/components/access/open-page";
import { SignInForm } from "@/components/access/sign-in-form";
import { sessionFromCookies } from "@/lib/access/gate";
import { safeNextPath, signInPath } from "@/lib/access/next-path";
import { MESSAGES } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: MESSAGES[await requestLocale()].access.title };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath([(await searchParams).next].flat()[0]);
  return unlessUnreached(signInPath(next), async () => {
    const { gated, sessionId } = await sessionFromCookies((await headers()).get("cookie"));
    if (!gated || sessionId) redirect(next);
    const t = MESSAGES[await requestLocale()].access;
    return (
      <main className="mx-auto mt-24 max-w-sm space-y-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-6 shadow-sm">
        <OpenPage />
        <h1 className="text-lg font-bold">{t.heading}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t.intro}</p>
        <SignInForm next={next} />
      </main>
    );
  });
}
