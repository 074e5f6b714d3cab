import "server-only";
import { getGenerationRateLimit } from "../limits";
import { clientKey } from "../limits/rate-limit";
import { isDownloadCheck } from "./download-check";

/**
 * Reading a history out is work: a download counts as a generation against the client's rate limit. Its
 * check (lib/download/download-check.ts) asks whether the turn would be refused, without taking it.
 */
export const takeDownloadTurn = async (request: Request, sessionId: string | null): Promise<void> => {
  const limit = await getGenerationRateLimit();
  const key = clientKey(request, sessionId);
  await (isDownloadCheck(request) ? limit.check(key) : limit(key));
};
