import { getHistory } from "@/lib/history";
import { json } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { modelName } from "@/lib/models/model-name";
import { voterAccess } from "@/lib/polls/voter-access";
import { voterView } from "@/lib/polls/voter-view";

export const dynamic = "force-dynamic";

/** The poll as this voter may see it (public: the poll itself says who may vote). */
export function GET(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  return handleRoute(
    request,
    async () => {
      const { poll, voter, setCookie } = await voterAccess(request, (await params).token, { welcome: true });
      const votes = await (await getHistory()).store.pollVotes(poll.id);
      return json(voterView(poll, voter, votes, modelName), 200, { "cache-control": "no-store", ...(setCookie && { "set-cookie": setCookie }) });
    },
    { public: true },
  );
}
