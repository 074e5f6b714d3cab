import type { Metadata } from "next";
import { MESSAGES } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/request-locale";
import { PageNotice } from "@/components/ui/page-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: MESSAGES[await requestLocale()].common.notFound.pageTitle, robots: { index: false } };
}

/** Any address that leads nowhere: a mistyped one, or a share or vote link cut short. */
export default async function NotFound() {
  const t = MESSAGES[await requestLocale()].common.notFound;
  return <PageNotice title={t.title} body={t.body} href="/" action={t.back} />;
}
