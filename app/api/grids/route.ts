import { parseGridRequest } from "@/lib/generation/parse-request";
import { cellCount } from "@/lib/grid/grid-plan";
import { GRID_MAX_BYTES } from "@/lib/grid/grid-request";
import { startSetRoute } from "@/lib/http/start-set";

export const dynamic = "force-dynamic";

/** Queues one generation per cell, recorded together as one history item; answers at once. */
export const POST = startSetRoute({
  // Prompt variables and named lists make a grid's body larger than a comparison's.
  maxBytes: GRID_MAX_BYTES,
  parse: parseGridRequest,
  count: cellCount,
  start: (runner, grid) => runner.startGrid(grid),
});
