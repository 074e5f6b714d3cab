import { isActive } from "@/lib/generation/view";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getHistory } from "@/lib/history";
import { clientGeneration } from "@/lib/history/client-view";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { historyItemOf, ownChangeHeaders } from "@/lib/events/sse";
import { removeFiles } from "@/lib/history/storage";
import { cancelBeforeDelete } from "@/lib/jobs/runner";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export function GET(request: Request, { params }: Context): Promise<Response> {
  return handleRoute(request, async () => {
    const { store } = await getHistory();
    const generation = await store.get((await params).id);
    if (!generation) throw notFound("This generation");
    return json(await clientGeneration(store, generation));
  });
}

const patchSchema = z.strictObject({ starred: z.boolean() });

export function PATCH(request: Request, { params }: Context): Promise<Response> {
  return handleRoute(request, async () => {
    const patch = patchSchema.safeParse(await readJsonBody(request, 1024));
    if (!patch.success) throw new AppError("invalid_request", "Only { starred: true | false } can be changed.");
    const { store } = await getHistory();
    const generation = await store.setStarred((await params).id, patch.data.starred);
    if (!generation) throw notFound("This generation");
    return json(await clientGeneration(store, generation), 200, ownChangeHeaders(await store.lastChangeOf(historyItemOf(generation))));
  });
}

/** Deletes the record and its image files; a running generation is cancelled first. */
export function DELETE(request: Request, { params }: Context): Promise<Response> {
  return handleRoute(request, async () => {
    const { id } = await params;
    const { store, images, runner, now } = await getHistory();
    const generation = await store.get(id);
    if (generation?.comparisonId) {
      throw new AppError("invalid_request", "This generation is a column of a comparison: delete the comparison instead.");
    }
    if (generation && isActive(generation.status)) await cancelBeforeDelete(runner, id);
    const deleted = await store.delete(id, now());
    if (!deleted) throw notFound("This generation");
    await removeFiles(images, deleted.imageIds);
    return new Response(null, { status: 204 });
  });
}
