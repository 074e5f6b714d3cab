import { readUsage } from "@/lib/history/usage";
import { json } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** What is left: today's images against the budget and what they cost (an estimate), the per-minute rate, and what runs now. */
export function GET(request: Request): Promise<Response> {
  return handleRoute(request, async () => json(await readUsage()));
}
