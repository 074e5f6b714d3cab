import { getAccess } from "@/lib/access/gate";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/generation/parse-request";
import { getHistory } from "@/lib/history";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { getVoteLimit } from "@/lib/limits";
import { addressKey, newVoterRefusal } from "@/lib/limits/rate-limit";
import { modelName } from "@/lib/models/model-name";
import type { PollChoice } from "@/lib/polls/poll";
import { voteRequestSchema } from "@/lib/polls/poll-request";
import { ALREADY_VOTED, NO_SUCH_IMAGE, NO_SUCH_ITEM, POLL_CLOSED } from "@/lib/polls/refusals";
import { voterAccess } from "@/lib/polls/voter-access";
import { candidateAt, voterView } from "@/lib/polls/voter-view";

export const dynamic = "force-dynamic";

/**
 * One vote on one item: the image picked by its place on the voter's screen, a tie, or all bad; once. A
 * voter's first vote on a poll counts against the new voters its address may bring the poll in an hour (in
 * the vote's own transaction: two first votes sent at once from two tabs are one voter); a voter who has
 * voted on it already is never refused by that.
 */
export function POST(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  return handleRoute(
    request,
    async () => {
      const { token } = await params;
      await (await getVoteLimit())(addressKey(request));
      const { item, choice, seat } = parseWith(voteRequestSchema, await readJsonBody(request, 1024));
      const { poll, voter } = await voterAccess(request, token, { seat });
      if (poll.closedAt !== null) throw new AppError("conflict", POLL_CLOSED);
      if (!poll.items[item]) throw new AppError("invalid_request", NO_SUCH_ITEM);
      let chosen: PollChoice;
      if (typeof choice === "string") chosen = { kind: choice };
      else {
        const candidate = candidateAt(poll, voter, item, choice.slot);
        if (!candidate) throw new AppError("invalid_request", NO_SUCH_IMAGE);
        chosen = { kind: "pick", model: candidate.model };
      }
      const { store, now } = await getHistory();
      const { config } = await getAccess();
      const cast = await store.castVote({ pollId: poll.id, item, voter, choice: chosen, createdAt: now() }, { address: addressKey(request), perHour: config.newVotersPerAddressPerHour });
      if (typeof cast === "object") throw newVoterRefusal(config.newVotersPerAddressPerHour, cast.newVotersFullForMs);
      if (cast !== "cast") throw new AppError("conflict", cast === "closed" ? POLL_CLOSED : ALREADY_VOTED);
      // The view says this voter's own votes only: theirs are all it reads.
      return json(voterView(poll, voter, await store.pollVotes(poll.id, voter), modelName), 201);
    },
    { public: true },
  );
}
