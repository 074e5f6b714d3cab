import { checkConnection } from "@/lib/gateway/client";
import { json } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { getCheckLimit } from "@/lib/limits";
import { clientKey, sessionOrAddress } from "@/lib/limits/rate-limit";

export const dynamic = "force-dynamic";

/** Checks the gateway without spending: whether it answers, takes the key, and which models answer. */
export function POST(request: Request): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    await (await getCheckLimit())(sessionOrAddress(clientKey(request, sessionId)));
    return json(await checkConnection());
  });
}
