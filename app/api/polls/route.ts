import { randomBytes, randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/generation/parse-request";
import { isActive } from "@/lib/generation/view";
import { getHistory } from "@/lib/history";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import type { Poll } from "@/lib/polls/poll";
import { keptLeftOut, pollItems } from "@/lib/polls/poll-items";
import { pollRequestSchema } from "@/lib/polls/poll-request";
import { pollSummary } from "@/lib/polls/poll-summary";
import { NOTHING_TO_VOTE_ON, POLL_WATERMARK, STILL_RUNNING, WHOSE_POLLS } from "@/lib/polls/refusals";
import { marksTellApart } from "@/lib/models/watermark-mark";

export const dynamic = "force-dynamic";

/**
 * The polls made of a set (`?set=<id>`), newest first, as its card shows them before another is made: found
 * by the images they show, so a poll of several sets is listed on each.
 */
export function GET(request: Request): Promise<Response> {
  return handleRoute(request, async () => {
    const setId = new URL(request.url).searchParams.get("set") ?? "";
    // No id is a malformed request, not a comparison deleted since.
    if (setId === "") throw new AppError("invalid_request", WHOSE_POLLS);
    const { store } = await getHistory();
    const set = await store.getComparison(setId);
    if (!set) throw notFound("This comparison");
    const found = new Map<string, Poll>();
    for (const { imageId } of pollItems(set).flatMap((item) => item.candidates)) {
      for (const poll of await store.pollsShowing(imageId)) found.set(poll.id, poll);
    }
    const polls = [...found.values()].sort((a, b) => b.createdAt - a.createdAt);
    return json({ polls: await Promise.all(polls.map(async (poll) => pollSummary(poll, await store.pollCounts(poll.id)))) });
  });
}

/**
 * Makes a blind poll of comparisons of models and grids with a model axis: their images frozen as items (kept
 * for the poll even once their comparison is deleted), a voting link with a secret of 128 random bits.
 */
export function POST(request: Request): Promise<Response> {
  return handleRoute(request, async () => {
    const { title, sets, reveal, access } = parseWith(pollRequestSchema, await readJsonBody(request, 16 * 1024));
    const { store } = await getHistory();
    const items = [];
    const leftOut = [];
    for (const id of sets) {
      const set = await store.getComparison(id);
      if (!set) throw notFound("A chosen comparison");
      // Its columns still to come would be left out of the poll for good.
      if (set.columns.some((column) => isActive(column.generation.status))) throw new AppError("conflict", STILL_RUNNING);
      if (marksTellApart(set.columns.map((column) => column.generation.request))) throw new AppError("invalid_request", POLL_WATERMARK);
      leftOut.push(...keptLeftOut(set, items.length));
      items.push(...pollItems(set));
    }
    if (items.length === 0) {
      throw new AppError("invalid_request", NOTHING_TO_VOTE_ON);
    }
    const poll = { id: randomUUID(), token: randomBytes(16).toString("base64url"), createdAt: Date.now(), title, reveal, access, closedAt: null, items, leftOut };
    // A set deleted since it was read above takes its images with it: the poll is not made.
    if (!(await store.createPoll(poll))) throw notFound("A chosen comparison");
    return json(pollSummary(poll, { votes: 0, voters: 0 }), 201);
  });
}
