import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { unlessUnreached } from "@/components/database-unreached";
import { LeaderboardView } from "@/components/polls/leaderboard-view";
import { sessionFromCookies } from "@/lib/access/gate";
import { signInPath } from "@/lib/access/next-path";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/request-locale";
import { getPrices } from "@/lib/pricing/env";
import { loadResults } from "@/lib/polls/results-data";

export async function generateMetadata(): Promise<Metadata> {
  return { title: MESSAGES[await requestLocale()].leaderboard.pageTitle, robots: { index: false } };
}
export const dynamic = "force-dynamic";

/** Every blind vote of this playground (or one poll's, ?poll=<id>) as a ranking, with speed and cost beside it. */
export default async function LeaderboardPage({ searchParams }: { searchParams: Promise<{ poll?: string }> }) {
  const { poll } = await searchParams;
  const path = poll ? `/leaderboard?poll=${encodeURIComponent(poll)}` : "/leaderboard";
  return unlessUnreached(path, async () => {
    const { gated, sessionId } = await sessionFromCookies((await headers()).get("cookie"));
    if (gated && !sessionId) redirect(signInPath(path));
    // A poll's address mistyped or cut short is the not-found page, in the reader's language.
    const { polls, summaries, results, items, leftOut, held, itemsHeld } = await loadResults(poll ?? null).catch((error: unknown) => {
      if (error instanceof AppError && error.status === 404) notFound();
      throw error;
    });
    return (
      <LeaderboardView
        results={results}
        items={items}
        leftOut={leftOut}
        held={held}
        itemsHeld={itemsHeld}
        title={poll ? (polls[0]?.title ?? null) : null}
        poll={poll && polls[0] ? poll : null}
        polls={poll === undefined ? summaries : []}
        currency={getPrices().currency}
      />
    );
  });
}
