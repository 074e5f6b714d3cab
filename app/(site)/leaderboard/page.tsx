import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { LeaderboardView } from "@/components/polls/leaderboard-view";
import { sessionFromCookies } from "@/lib/access/gate";
import { signInPath } from "@/lib/access/next-path";
import { getPrices } from "@/lib/pricing/env";
import { loadResults } from "@/lib/polls/results-data";

export const metadata: Metadata = { title: "Leaderboard · OneToken Image Playground", robots: { index: false } };
export const dynamic = "force-dynamic";

/** Every blind vote of this playground (or one poll's, ?poll=<id>) as a ranking, with speed and cost beside it. */
export default async function LeaderboardPage({ searchParams }: { searchParams: Promise<{ poll?: string }> }) {
  const { poll } = await searchParams;
  const { gated, sessionId } = await sessionFromCookies((await headers()).get("cookie"));
  if (gated && !sessionId) redirect(signInPath(poll ? `/leaderboard?poll=${encodeURIComponent(poll)}` : "/leaderboard"));
  const { polls, results, items } = await loadResults(poll ?? null);
  return <LeaderboardView results={results} items={items} title={poll ? (polls[0]?.title ?? null) : null} poll={poll && polls[0] ? poll : null} currency={getPrices().currency} />;
}
