import { randomBytes, randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/generation/parse-request";
import { isActive } from "@/lib/generation/view";
import { getHistory } from "@/lib/history";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { pollItems } from "@/lib/polls/poll-items";
import { pollRequestSchema } from "@/lib/polls/poll-request";
import { pollSummary } from "@/lib/polls/poll-summary";
import { NOTHING_TO_VOTE_ON, POLL_WATERMARK, STILL_RUNNING } from "@/lib/polls/refusals";
import { marksTellApart } from "@/lib/models/watermark-mark";

export const dynamic = "force-dynamic";

/**
 * Makes a blind poll of comparisons of models and grids with a model axis: their images frozen as items (kept
 * for the poll even once their comparison is deleted), a voting link with a secret of 128 random bits.
 */
export function POST(request: Request): Promise<Response> {
  return handleRoute(request, async () => {
    const { title, sets, reveal, access } = parseWith(pollRequestSchema, await readJsonBody(request, 16 * 1024));
    const { store } = await getHistory();
    const items = [];
    for (const id of sets) {
      const set = await store.getComparison(id);
      if (!set) throw notFound("A chosen comparison");
      // Its columns still to come would be left out of the poll for good.
      if (set.columns.some((column) => isActive(column.generation.status))) throw new AppError("conflict", STILL_RUNNING);
      if (marksTellApart(set.columns.map((column) => column.generation.request))) throw new AppError("invalid_request", POLL_WATERMARK);
      items.push(...pollItems(set));
    }
    if (items.length === 0) {
      throw new AppError("invalid_request", NOTHING_TO_VOTE_ON);
    }
    const poll = { id: randomUUID(), token: randomBytes(16).toString("base64url"), createdAt: Date.now(), title, reveal, access, closedAt: null, items };
    // A set deleted since it was read above takes its images with it: the poll is not made.
    if (!(await store.createPoll(poll))) throw notFound("A chosen comparison");
    return json(pollSummary(poll, []), 201);
  });
}
