import "server-only";
import { getGenerationRateLimit } from "../limits";
import { clientKey, withTurns } from "../limits/rate-limit";
import { isDownloadCheck } from "./download-check";

/**
 * Reading a history out is work: a download counts as a generation against the client's rate limit, taken
 * before `work` makes the file, and given back when it was refused for being busy (a slide deck waits its
 * turn, then is told to come back) as nothing was made. Its check (lib/download/download-check.ts) asks
 * whether the turn would be refused, without taking it.
 */
export const withDownloadTurn = async <T>(request: Request, sessionId: string | null, work: () => Promise<T>): Promise<T> => {
  const limit = await getGenerationRateLimit();
  const key = clientKey(request, sessionId);
  if (!isDownloadCheck(request)) return withTurns(limit, key, 1, work);
  await limit.check(key);
  return work();
};
