import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import type { LiveChange } from "../events/sse";
import { isUnfiltered, type ListFilters } from "../generation/list-query";
import type { HistoryItem, HistoryPage } from "../generation/view";
import type { ShareEntry } from "../store/types";
import { generationKeys } from "./generations";
import type { Usage } from "./limits";

type HistoryData = InfiniteData<HistoryPage, string | null>;

export const itemKey = (item: ShareEntry) => (item.kind === "generation" ? generationKeys.one(item.id) : generationKeys.comparison(item.id));

/** Writes items fetched in a list into their own entries, so a card shows what its list just read. */
export const seedItems = (client: QueryClient, items: readonly HistoryItem[]) => {
  for (const item of items) client.setQueryData(itemKey(item), item);
};

/**
 * Applies one message of the live stream to the cache: each item replaces its copy in its own entry and in
 * every list; an item no list holds yet (new, perhaps from another tab or a colleague) goes on top of the
 * unfiltered lists, and filtered lists are asked again (it may match them); items gone leave every list.
 */
export const applyLiveChange = (client: QueryClient, change: LiveChange<Usage>) => {
  for (const item of change.items) client.setQueryData(itemKey(item), item);
  const changed = new Map(change.items.map((item) => [item.id, item]));
  const gone = new Set(change.deleted.map((item) => item.id));
  for (const item of change.deleted) client.removeQueries({ queryKey: itemKey(item), exact: true });
  for (const query of client.getQueryCache().findAll({ queryKey: generationKeys.lists })) {
    const data = query.state.data as HistoryData | undefined;
    if (!data) continue;
    const held = new Set(data.pages.flatMap((page) => page.items.map((item) => item.id)));
    const fresh = change.items.filter((item) => !held.has(item.id));
    const filters = (query.queryKey[2] ?? {}) as ListFilters;
    const pages = data.pages.map((page, index) => {
      const items = page.items.filter((item) => !gone.has(item.id)).map((item) => changed.get(item.id) ?? item);
      const newest = page.items[0]?.createdAt ?? Number.NEGATIVE_INFINITY;
      // New items are the newest: on top of the first page, unless the list is sorted past them already.
      const onTop = index === 0 && isUnfiltered(filters) ? fresh.filter((item) => item.createdAt >= newest).sort((a, b) => b.createdAt - a.createdAt) : [];
      return { ...page, items: [...onTop, ...items] };
    });
    client.setQueryData<HistoryData>(query.queryKey, { ...data, pages });
    if (fresh.length > 0 && !isUnfiltered(filters)) void client.invalidateQueries({ queryKey: query.queryKey, exact: true });
  }
  if (change.usage) client.setQueryData<Usage>(["usage"], change.usage);
};
