import { randomBytes } from "node:crypto";
import { BLIND_SHARE, hiddenAlone } from "@/lib/compare/hidden-column";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/generation/parse-request";
import { getHistory } from "@/lib/history";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";
import { itemsGone, sharePath, shareRequestSchema, type ShareCreated } from "@/lib/share/share-request";

export const dynamic = "force-dynamic";

/**
 * Makes a read-only link to history items. The id is 128 random bits: the link is meant to be passed on,
 * and it opens for whoever may use this deployment (the access gate still applies when one is set).
 */
export function POST(request: Request): Promise<Response> {
  return handleRoute(request, async () => {
    const { title, entries } = parseWith(shareRequestSchema, await readJsonBody(request, 32 * 1024));
    const { store } = await getHistory();
    const found = await Promise.all(entries.map((entry) => (entry.kind === "generation" ? store.get(entry.id) : store.getComparison(entry.id))));
    const missing = found.filter((item) => item === null).length;
    if (missing > 0) {
      throw new AppError("not_found", itemsGone(missing, entries.length));
    }
    if ((await hiddenAlone(store, found.flatMap((item) => (item ? [item] : [])))).size > 0) throw new AppError("forbidden", BLIND_SHARE);
    const id = randomBytes(16).toString("base64url");
    await store.createShare({ id, createdAt: Date.now(), title, entries });
    return json({ id, path: sharePath(id) } satisfies ShareCreated, 201);
  });
}
