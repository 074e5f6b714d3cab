import { getHistory } from "@/lib/history";
import { json, notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { pollSummary } from "@/lib/polls/poll-summary";
import { removeFiles } from "@/lib/history/storage";

export const dynamic = "force-dynamic";

/** The poll's link, settings and counts of votes and voters, for its owner (behind the gate like the history). */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => {
    const { id } = await params;
    const { store } = await getHistory();
    const poll = await store.getPoll(id);
    if (!poll) throw notFound("This poll");
    return json(pollSummary(poll, await store.pollCounts(id)));
  });
}

/**
 * Deletes the poll: its link stops opening, its votes go, and so do the images it alone kept (those whose
 * generations were deleted since); images still in the history or in another poll stay.
 */
export function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute(request, async () => {
    const { id } = await params;
    const { store, images } = await getHistory();
    const deleted = await store.deletePoll(id);
    if (!deleted) throw notFound("This poll");
    await removeFiles(images, deleted.imageIds);
    return new Response(null, { status: 204 });
  });
}
