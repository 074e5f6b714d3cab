import { getHistory } from "@/lib/history";
import { notFound } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ name: string }> };

export function DELETE(request: Request, { params }: Context): Promise<Response> {
  return handleRoute(request, async () => {
    const { name } = await params;
    if (!(await (await getHistory()).store.deletePromptList(name))) throw notFound(`The list “${name}”`);
    return new Response(null, { status: 204 });
  });
}
