import { BATCH_MAX_BYTES } from "@/lib/batch/batch-request";
import { parseBatchRequest } from "@/lib/generation/parse-request";
import { startSetRoute } from "@/lib/http/start-set";

export const dynamic = "force-dynamic";

/** Queues one generation per row, recorded together as one history item; answers at once. */
export const POST = startSetRoute({
  // A hundred rows of the longest prompts (only a grid's body can be larger).
  maxBytes: BATCH_MAX_BYTES,
  parse: parseBatchRequest,
  count: (batch) => batch.rows.length,
  start: (runner, batch) => runner.startBatch(batch),
});
