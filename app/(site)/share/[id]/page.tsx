import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { unlessUnreached } from "@/components/database-unreached";
import { SharedView } from "@/components/share/shared-view";
import { sessionFromCookies } from "@/lib/access/gate";
import { signInPath } from "@/lib/access/next-path";
import { hiddenAlone } from "@/lib/compare/hidden-column";
import { getHistory } from "@/lib/history";
import { MESSAGES } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/request-locale";
import { getPrices } from "@/lib/pricing/env";
import { pagePrices } from "@/lib/pricing/money-style";
import { toPublicShare } from "@/lib/share/public-share";
import { sharePath } from "@/lib/share/share-request";

export async function generateMetadata(): Promise<Metadata> {
  return { title: MESSAGES[await requestLocale()].share.pageTitle, robots: { index: false } };
}

/** A read-only page of shared history items, for anyone who may use this deployment. */
export default async function SharePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return unlessUnreached(sharePath(id), async () => {
    const { gated, sessionId } = await sessionFromCookies((await headers()).get("cookie"));
    if (gated && !sessionId) redirect(signInPath(sharePath(id)));
    const { store } = await getHistory();
    const share = await store.getShare(id);
    if (!share) notFound();
    return <SharedView share={toPublicShare(share, await hiddenAlone(store, share.items))} prices={pagePrices(getPrices())} />;
  });
}
