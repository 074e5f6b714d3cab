import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getHistory } from "@/lib/history";
import { clientItem } from "@/lib/history/client-view";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { ownChangeHeaders } from "@/lib/events/sse";
import { removeFiles } from "@/lib/history/storage";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export function GET(request: Request, { params }: Context): Promise<Response> {
  return handleRoute(request, async () => {
    const comparison = await (await getHistory()).store.getComparison((await params).id);
    if (!comparison) throw notFound("This comparison");
    return json(clientItem(comparison));
  });
}

/** A reveal cannot be taken back: once the names are out, hiding them again would mislead. */
const patchSchema = z.strictObject({ starred: z.boolean().optional(), revealed: z.literal(true).optional() });

export function PATCH(request: Request, { params }: Context): Promise<Response> {
  return handleRoute(request, async () => {
    const patch = patchSchema.safeParse(await readJsonBody(request, 1024));
    if (!patch.success) throw new AppError("invalid_request", "Only { starred: true | false } and { revealed: true } can be changed.");
    const { store } = await getHistory();
    const comparison = await store.updateComparison((await params).id, patch.data);
    if (!comparison) throw notFound("This comparison");
    return json(clientItem(comparison), 200, ownChangeHeaders(await store.lastChangeOf({ kind: "comparison", id: comparison.id })));
  });
}

/**
 * Deletes the comparison, its columns and their image files (but those a poll shows, which it keeps); its
 * unfinished columns are cancelled first.
 */
export function DELETE(request: Request, { params }: Context): Promise<Response> {
  return handleRoute(request, async () => {
    const { id } = await params;
    const { store, images, runner, now } = await getHistory();
    // Every unfinished column in one write, as Cancel all: one by one, a queued cell could be claimed and sent
    // (and billed) between two cancels. A column whose answer is in goes on, and is dropped with the record.
    await runner.cancelSet(id);
    const deleted = await store.deleteComparison(id, now());
    if (!deleted) throw notFound("This comparison");
    await removeFiles(images, deleted.imageIds);
    return new Response(null, { status: 204 });
  });
}
