import { getHistory } from "@/lib/history";
import { json, notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { pollSummary } from "@/lib/polls/poll-summary";

export const dynamic = "force-dynamic";

/** The poll's link, settings and counts of votes and voters, for its owner (behind the gate like the history). */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => {
    const { id } = await params;
    const { store } = await getHistory();
    const poll = await store.getPoll(id);
    if (!poll) throw notFound("This poll");
    return json(pollSummary(poll, await store.pollVotes(id)));
  });
}
