import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { unlessUnreached } from "@/components/database-unreached";
import { OpenPage } from "@/components/access/open-page";
import { VotePage } from "@/components/polls/vote-page";
import { sessionFromCookies } from "@/lib/access/gate";
import { signInPath } from "@/lib/access/next-path";
import { getHistory } from "@/lib/history";
import { MESSAGES } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/request-locale";
import { votePath } from "@/lib/polls/poll-summary";

export async function generateMetadata(): Promise<Metadata> {
  return { title: MESSAGES[await requestLocale()].polls.vote.pageTitle, robots: { index: false } };
}

/**
 * A poll's voting page. It reads nothing of the history: the poll's items come from the voting API, which
 * lets through whoever the poll's owner allowed (anyone with the link, or anyone signed in).
 */
export default async function VoteRoute({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return unlessUnreached(votePath(token), async () => {
    const poll = await (await getHistory()).store.pollByToken(token);
    if (!poll) notFound();
    if (poll.access === "gate") {
      const { gated, sessionId } = await sessionFromCookies((await headers()).get("cookie"));
      if (gated && !sessionId) redirect(signInPath(votePath(token)));
    }
    return (
      <>
        {poll.access !== "gate" && <OpenPage />}
        <VotePage token={token} />
      </>
    );
  });
}
