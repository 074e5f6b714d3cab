import { parseCompareRequest } from "@/lib/generation/parse-request";
import { startSetRoute } from "@/lib/http/start-set";

export const dynamic = "force-dynamic";

/** Starts one generation per chosen model, recorded together as one comparison; answers at once. */
export const POST = startSetRoute({
  maxBytes: 64 * 1024,
  parse: parseCompareRequest,
  count: (compare) => compare.models.length,
  start: (runner, compare) => runner.startComparison(compare),
});
