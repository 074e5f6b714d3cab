import "server-only";
import { AppError } from "../errors";
import { getGenerationRateLimit } from "../limits";
import { clientKey, withTurns } from "../limits/rate-limit";
import { isDownloadCheck } from "./download-check";

export const DOWNLOAD_FROM_ELSEWHERE = "A download is made only from the playground's own pages: open the playground and download it there.";

/**
 * Reading a history out is work: a download counts as a generation against the client's rate limit, taken
 * before `work` makes the file, and given back when it was refused for being busy (a slide deck waits its
 * turn, then is told to come back) as nothing was made. Its check (lib/download/download-check.ts) asks
 * whether the turn would be refused, without taking it.
 *
 * A download is a GET, which the gate lets through from other sites (a link followed to a page), so a page
 * elsewhere could ask for files in `<img>` tags or frames by the dozen, each spending a turn of its visitor's
 * limit and this server's work. The browser says where a request comes from (`Sec-Fetch-Site`): only this
 * site's own pages, or an address typed or bookmarked, are answered.
 */
export const withDownloadTurn = async <T>(request: Request, sessionId: string | null, work: () => Promise<T>): Promise<T> => {
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") throw new AppError("forbidden", DOWNLOAD_FROM_ELSEWHERE);
  const limit = await getGenerationRateLimit();
  const key = clientKey(request, sessionId);
  if (!isDownloadCheck(request)) return withTurns(limit, key, 1, work);
  await limit.check(key);
  return work();
};
