import { getHistory } from "@/lib/history";
import { json, notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { pollSummary } from "@/lib/polls/poll-summary";

export const dynamic = "force-dynamic";

/** Closes the poll: no more votes, and every voter may now see which model was which. */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => {
    const { id } = await params;
    const { store } = await getHistory();
    const poll = await store.closePoll(id, Date.now());
    if (!poll) throw notFound("This poll");
    return json(pollSummary(poll, await store.pollCounts(id)));
  });
}
