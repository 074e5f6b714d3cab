import { getHistory } from "@/lib/history";
import { json, notFound, respond } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** Aborts the gateway call of a running generation and marks it cancelled. */
export function POST(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const { id } = await params;
    const generation = (await getHistory()).runner.cancel(id);
    if (!generation) throw notFound("This generation");
    return json(generation);
  });
}
