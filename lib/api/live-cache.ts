import type { InfiniteData, Query, QueryClient } from "@tanstack/react-query";
import type { LiveChange } from "../events/sse";
import { isUnfiltered, type ListFilters } from "../generation/list-query";
import type { HistoryItem, HistoryPage, ListedPage } from "../generation/view";
import type { ShareEntry } from "../store/types";
import { generationKeys } from "./generations";
import { applyPollSummaries } from "./poll-cache";
import { laterItem, withOwnChange } from "./read-order";
import type { Usage } from "./limits";

type HistoryData = InfiniteData<HistoryPage, string | null>;

export const itemKey = (item: ShareEntry) => (item.kind === "generation" ? generationKeys.one(item.id) : generationKeys.comparison(item.id));

/**
 * Per cache: for each item, the id of the last live change that carried it (or deleted it), or null for the
 * answer of this tab's own change of it (a star, a reveal, a cancel), and when it was heard (a count of
 * changes applied). It matters only to a read that was on its way when the change was heard: a read that
 * started after it was sent after the change was made, so it holds it. So each entry is let go once every
 * read on its way started after it, and a tab open for days keeps only what its reads need.
 */
type Heard = {
  /** The last live change that carried it; null if only this tab's own change was heard. */
  readonly changeId: number | null;
  readonly deleted: boolean;
  /** When the stream last said something of it, and when this tab's own change of it was last answered. */
  readonly streamTick: number | null;
  readonly ownTick: number | null;
  /** The last change of it on record when this tab's own change was answered: the stream's older news left before it. */
  readonly ownChangeId: number | null;
};
/** `streamAt`: the id of the last message of the live stream applied (it tells every change up to it), or -1. */
type Hearing = { readonly items: Map<string, Heard>; tick: number; readonly reads: Set<{ readonly start: number }>; streamAt: number };
const hearings = new WeakMap<QueryClient, Hearing>();
const hearing = (client: QueryClient) => {
  let state = hearings.get(client);
  if (!state) hearings.set(client, (state = { items: new Map(), tick: 0, reads: new Set(), streamAt: -1 }));
  return state;
};

/** When anything of an item was last heard. */
const lastHeard = (entry: Heard): number => Math.max(entry.streamTick ?? 0, entry.ownTick ?? 0);

/** Lets go of what no read on its way can need. The map is in the order things were heard. */
const letGo = (state: Hearing) => {
  const needed = Math.min(...[...state.reads].map((read) => read.start));
  for (const [id, entry] of state.items) {
    if (lastHeard(entry) > needed) break;
    // This tab's own change the stream has not told yet: its older news must still be told apart until then.
    if (entry.ownChangeId !== null && (entry.changeId ?? -1) < entry.ownChangeId) continue;
    state.items.delete(id);
  }
};

export type ReadOnItsWay = { readonly start: number; end(): void };

/** A read setting off: what is heard from now on is kept for it until it ends. */
export const readStarted = (client: QueryClient): ReadOnItsWay => {
  const state = hearing(client);
  const read = {
    start: state.tick,
    end: () => {
      state.reads.delete(read);
      letGo(state);
    },
  };
  state.reads.add(read);
  return read;
};

/**
 * This tab's own change of an item, answered (a star, a reveal, a cancel): a read that left before it and
 * answers after it (a card's check while it runs, a list page) keeps it, instead of putting the item back as it
 * was for a moment; so does the stream's news of the item older than `changeId`, the item's last change when
 * the answer was made. Answers false when the answer is old news, not to be written over the cache: the stream
 * has told of that change already (and perhaps of a later one, another tab's), or of the item's deletion.
 */
export const heardOwnChange = (client: QueryClient, item: ShareEntry, changeId: number | null = null): boolean => {
  const state = hearing(client);
  const held = state.items.get(item.id);
  if (held?.deleted || (changeId !== null && changeId <= state.streamAt)) return false;
  keepForListsOnTheirWay(client);
  const tick = ++state.tick;
  const before = held?.ownChangeId ?? null;
  const ownChangeId = changeId === null ? before : Math.max(before ?? changeId, changeId);
  state.items.delete(item.id);
  state.items.set(item.id, { changeId: held?.changeId ?? null, deleted: false, streamTick: held?.streamTick ?? null, ownTick: tick, ownChangeId });
  letGo(state);
  return true;
};

/**
 * What a read that set off at `read` makes of the item it brings, given the copy held: the stream's copy if the
 * stream said something of it since (the read may have left before that change); the read with this tab's own
 * change over it if that was answered since; otherwise null, for the read's own rules to decide.
 */
const sinceRead = <Item extends HistoryItem>(entry: Heard | undefined, read: ReadOnItsWay, held: Item, fresh: Item): Item | null => {
  if (entry?.streamTick != null && entry.streamTick > read.start) return held;
  // Of the read's own kind, as both are copies of one item.
  if (entry?.ownTick != null && entry.ownTick > read.start) return withOwnChange(held, fresh) as Item;
  return null;
};

/**
 * One item read again (a card's own check): what changed in the cache while it was on its way wins, since the
 * read may have left before that change; otherwise `later` decides between the copy held and the one read.
 */
export const readItem = async <Item extends HistoryItem>(client: QueryClient, id: string, fetch: () => Promise<Item>, later: (held: Item | undefined, read: Item) => Item): Promise<Item> => {
  const read = readStarted(client);
  try {
    const fresh = await fetch();
    const held = client.getQueryData<Item>(itemKey(fresh));
    return (held !== undefined && sinceRead(hearing(client).items.get(id), read, held, fresh)) || later(held, fresh);
  } finally {
    read.end();
  }
};

/** How many items' changes the cache keeps for reads on their way (for tests of the letting go). */
export const heardCount = (client: QueryClient) => hearings.get(client)?.items.size ?? 0;

/** Per cache: the id of the last live change that carried today's usage. */
const usageHeardAt = new WeakMap<QueryClient, number>();

/**
 * What was heard no longer orders reads once the tab reads afresh: the log the next changes come from may
 * have started again (another database), and a read's older id would then lose to a stale one forever.
 */
export const forgetHeard = (client: QueryClient) => {
  const state = hearings.get(client);
  state?.items.clear();
  if (state) state.streamAt = -1;
  usageHeardAt.delete(client);
};

/**
 * Today's usage just read, as of the change `changeId` at least. A read that left before the stream's newer
 * count (a refund pushed while it was on its way) keeps that count rather than put the older one back.
 */
export const reconcileUsage = (client: QueryClient, read: Usage, changeId: number): Usage => {
  const heard = usageHeardAt.get(client);
  const held = client.getQueryData<Usage>(["usage"]);
  return held && heard !== undefined && heard > changeId ? held : read;
};

/**
 * A page just read, made to agree with the live stream, then written into each item's own entry so a card
 * shows it. A list read can answer after an event that is newer than the read (a generation that failed
 * while the page was on its way): the event wins, never the older read. An item deleted since is left out;
 * one created since goes into the first page of the unfiltered list where the server lists it, as the event
 * put it.
 */
export const reconcilePage = (client: QueryClient, page: ListedPage, place: { first: boolean; unfiltered: boolean }, read: ReadOnItsWay): ListedPage => {
  const since = hearing(client).items;
  const newer = (id: string) => {
    const entry = since.get(id);
    return entry && entry.changeId !== null && entry.changeId > page.changeId ? entry : null;
  };
  const listed = new Set(page.items.map((item) => item.id));
  const items = page.items.flatMap((item) => {
    const event = newer(item.id);
    const held = client.getQueryData<HistoryItem>(itemKey(item));
    if (event) return event.deleted ? [] : [held ?? item];
    // This tab's own change has no id in the log: it counts if it was answered after the read set off.
    const own = since.get(item.id)?.ownTick;
    return [held && own != null && own > read.start ? withOwnChange(held, item) : item];
  });
  const created =
    place.first && place.unfiltered
      ? [...since].filter(([id, event]) => !event.deleted && event.changeId !== null && event.changeId > page.changeId && !listed.has(id)).flatMap(([id]) => listable(client, id))
      : [];
  const [reconciled = page] = placeFresh([{ ...page, items }], created);
  for (const item of reconciled.items) client.setQueryData(itemKey(item), item);
  return reconciled;
};

/** An item the stream told of, as held, if a list shows it on its own (a comparison's column is shown in its comparison). */
const listable = (client: QueryClient, id: string): HistoryItem[] => {
  const item = client.getQueryData<HistoryItem>(generationKeys.one(id)) ?? client.getQueryData<HistoryItem>(generationKeys.comparison(id));
  return item && !(item.kind === "generation" && item.comparisonId !== null) ? [item] : [];
};

/** The ids a list's pages hold. */
const listedIds = (pages: readonly HistoryPage[]): Set<string> => new Set(pages.flatMap((page) => page.items.map((item) => item.id)));

/** Whether the server lists `a` before `b`: newest first, then the greater id (lib/store/sql-list.ts). */
const listedBefore = (a: HistoryItem, b: HistoryItem): boolean => a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);

/**
 * Items no page of an unfiltered list holds (new ones), each put where the server lists it: not always on top,
 * as two runs started at once can be told in the other order to their times (each takes its time before it is
 * let in). One listed after the last item loaded while more pages exist is left out: its page will bring it.
 */
const placeFresh = <Page extends HistoryPage>(pages: readonly Page[], fresh: readonly HistoryItem[]): Page[] => {
  const placed = pages.map((page) => ({ ...page, items: [...page.items] }));
  const last = placed.at(-1);
  for (const item of fresh) {
    const page = placed.find((held) => held.items.some((listed) => listedBefore(item, listed))) ?? (last?.nextCursor === null ? last : undefined);
    if (!page) continue;
    const at = page.items.findIndex((listed) => listedBefore(item, listed));
    page.items.splice(at < 0 ? page.items.length : at, 0, item);
  }
  return placed;
};

/**
 * Per cache: the lists that were being read when a change was heard or made here, each with a read kept from
 * then. TanStack Query makes a list read's answer from the pages as they were when it set off (a next page is
 * added to them; a read of every page keeps the first ones it read, which may be older than the change), so the
 * answer would put back what was written into the list meanwhile: what was heard since is written over it again.
 */
const listsOnTheirWay = new WeakMap<QueryClient, Map<Query, ReadOnItsWay>>();

/** Called before a change is heard: each list being read keeps what is heard from now on until its read ends. */
const keepForListsOnTheirWay = (client: QueryClient) => {
  let marked = listsOnTheirWay.get(client);
  if (!marked) {
    const lists = new Map<Query, ReadOnItsWay>();
    listsOnTheirWay.set(client, (marked = lists));
    client.getQueryCache().subscribe((event) => {
      const read = lists.get(event.query);
      const ended = event.type === "removed" || (event.type === "updated" && event.query.state.fetchStatus === "idle");
      if (!read || !ended) return;
      // First, as writing the list again tells of it again.
      lists.delete(event.query);
      // A read that failed or was cancelled left the pages as they were last written, changes and all.
      if (event.type === "updated" && event.action.type === "success") writeHeardAgain(client, event.query, read);
      read.end();
    });
  }
  for (const query of client.getQueryCache().findAll({ queryKey: generationKeys.lists })) {
    if (query.state.fetchStatus !== "idle" && !marked.has(query)) marked.set(query, readStarted(client));
  }
};

/** What was heard since `read` set off, written over a list's pages: its items' changes, its deletions, its new items. */
const writeHeardAgain = (client: QueryClient, query: Query, read: ReadOnItsWay) => {
  const data = query.state.data as HistoryData | undefined;
  if (!data) return;
  const since = hearing(client).items;
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.flatMap((item) => {
      const entry = since.get(item.id);
      if (entry?.deleted) return [];
      const held = client.getQueryData<HistoryItem>(itemKey(item));
      return [(held !== undefined && sinceRead(entry, read, held, item)) || item];
    }),
  }));
  const listed = listedIds(pages);
  const fresh = isUnfiltered((query.queryKey[2] ?? {}) as ListFilters)
    ? [...since].filter(([id, entry]) => !entry.deleted && entry.streamTick !== null && entry.streamTick > read.start && !listed.has(id)).flatMap(([id]) => listable(client, id))
    : [];
  client.setQueryData<HistoryData>(query.queryKey, { ...data, pages: placeFresh(pages, fresh) });
};

/**
 * An item this tab just started, in its own entry and where the server lists it in the unfiltered lists at
 * once (the stream's news of it follows and replaces it); a filtered list, which only the server can filter,
 * is read again. Reading every list again instead read every page loaded, one after another (30 reads after
 * each Generate with a long history scrolled through).
 */
export const addOwnItem = (client: QueryClient, item: HistoryItem) => {
  // The stream's news of it can come before the answer that started it: that copy is the newer one.
  let held = client.getQueryData<HistoryItem>(itemKey(item));
  if (!held) held = client.setQueryData<HistoryItem>(itemKey(item), item) ?? item;
  for (const query of client.getQueryCache().findAll({ queryKey: generationKeys.lists })) {
    const data = query.state.data as HistoryData | undefined;
    if (!isUnfiltered((query.queryKey[2] ?? {}) as ListFilters)) void client.invalidateQueries({ queryKey: query.queryKey, exact: true });
    else if (data && !listedIds(data.pages).has(item.id)) client.setQueryData<HistoryData>(query.queryKey, { ...data, pages: placeFresh(data.pages, [held]) });
  }
};

/**
 * The lists after the stream says a fresh hello at its change `from`: it tells every change after that, so a
 * list read as of `from` exactly has missed nothing and is not read again. One read as of an earlier change
 * has missed some; one as of a later change may come from another log (a server started again on another
 * database gives lower ids) or from a stream behind the database: each is read again, as every list was
 * before. A read on its way is waited for (not cancelled), then judged the same way. On a page's first load
 * the list's first read and the stream's hello cross: before, a list read first was read a second time, and a
 * read the hello found on its way was taken unchecked, missing any change made between the two.
 */
export const readListsAfresh = (client: QueryClient, from: number) =>
  Promise.all(
    client.getQueryCache().findAll({ queryKey: generationKeys.lists }).map(async (query) => {
      if (query.state.fetchStatus !== "idle") await client.refetchQueries({ queryKey: query.queryKey, exact: true }, { cancelRefetch: false });
      const pages = (query.state.data as HistoryData | undefined)?.pages ?? [];
      if (pages.length > 0 && pages.every((page) => "changeId" in page && page.changeId === from)) return;
      await client.invalidateQueries({ queryKey: query.queryKey, exact: true });
    }),
  );

/** Who wants to know of items deleted elsewhere (a selection must let them go), by client. */
const deletionListeners = new WeakMap<QueryClient, Set<(ids: ReadonlySet<string>) => void>>();

/** Calls `listener` with the ids of items the stream says were deleted; answers the way to stop. */
export const onLiveDeletions = (client: QueryClient, listener: (ids: ReadonlySet<string>) => void): (() => void) => {
  const listeners = deletionListeners.get(client) ?? new Set();
  deletionListeners.set(client, listeners);
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * What of an item a list's filters can look at (its star, its runs' statuses, the revised prompts a search
 * reads, a reveal): a change that leaves these as they were (a run's next step) moves it into or out of no
 * filtered list.
 */
const filterFacts = (item: HistoryItem): string => {
  const runs = item.kind === "generation" ? [item] : item.columns.map((column) => column.generation);
  return JSON.stringify([item.starred, item.kind === "comparison" && item.revealed, runs.map((run) => [run.status, run.images.map((image) => image.revisedPrompt)])]);
};

/** A filtered list is read again at most this often, however many messages come (a grid's cells finishing). */
const REREAD_MS = 1_000;
const rereads = new WeakMap<QueryClient, Set<string>>();

/**
 * Marks a filtered list stale at once and reads it again shortly, once for a burst of messages. A read on
 * its way then (a next page, a refocus) is not cancelled, which would lose it, nor joined, since it may have
 * left before the change: the list is read once it has ended.
 */
const readAgain = (client: QueryClient, queryKey: readonly unknown[]) => {
  void client.invalidateQueries({ queryKey, exact: true, refetchType: "none" });
  const pending = rereads.get(client) ?? new Set<string>();
  rereads.set(client, pending);
  const key = JSON.stringify(queryKey);
  if (pending.has(key)) return;
  pending.add(key);
  const read = () => {
    if (client.isFetching({ queryKey, exact: true }) > 0) {
      setTimeout(read, REREAD_MS);
      return;
    }
    pending.delete(key);
    void client.refetchQueries({ queryKey, exact: true, type: "active" }, { cancelRefetch: false });
  };
  setTimeout(read, REREAD_MS);
};

/** Reads the filtered lists again when an item changed what a filter looks at (or is new to this tab). */
const readFilteredAgain = (client: QueryClient, changed: ReadonlyArray<{ readonly before: HistoryItem | undefined; readonly after: HistoryItem }>) => {
  if (!changed.some(({ before, after }) => before === undefined || filterFacts(before) !== filterFacts(after))) return;
  for (const query of client.getQueryCache().findAll({ queryKey: generationKeys.lists })) {
    if (!isUnfiltered((query.queryKey[2] ?? {}) as ListFilters)) readAgain(client, query.queryKey);
  }
};

/**
 * This tab's own change of an item (a star, a cancel, a reveal), written into the cache: the filtered lists it
 * may have entered or left are read again, as for the stream's news of it, which will find nothing changed.
 */
export const ownChangeApplied = (client: QueryClient, before: HistoryItem | undefined, after: HistoryItem) => readFilteredAgain(client, [{ before, after }]);

/**
 * Applies one message of the live stream to the cache: each item replaces its copy in its own entry and in
 * every list; an item no list holds yet (new, perhaps from another tab or a colleague) goes into the
 * unfiltered lists where the server lists it; items gone leave every list. A filtered list is asked again
 * when an item changed what a filter looks at, or is new: one it lacks may match it now, one it holds may no
 * longer (unstarred, finished), and only the server's filter can tell. Answers false for a message older than one applied (a
 * tab the stream was taken from may still pass one on): it would put back what a later one changed.
 */
export const applyLiveChange = (client: QueryClient, change: LiveChange<Usage>, changeId: number): boolean => {
  const state = hearing(client);
  if (changeId <= state.streamAt) return false;
  keepForListsOnTheirWay(client);
  const tick = ++state.tick;
  state.streamAt = changeId;
  // News of an item read before this tab's own change of it was made (it was on its way when the change was
  // answered) keeps that change: the star, the reveal, a cancel's end. The stream's news of the change follows.
  // An ended run held stays ended over a running copy told later (one the server read before the run ended).
  const items = change.items.map((item) => {
    const ownChangeId = state.items.get(item.id)?.ownChangeId;
    const held = client.getQueryData<HistoryItem>(itemKey(item));
    return laterItem(held, held && ownChangeId != null && changeId < ownChangeId ? withOwnChange(held, item) : item);
  });
  const hear = (id: string, deleted: boolean) => {
    const { ownTick = null, ownChangeId = null } = state.items.get(id) ?? {};
    // Deleted first, so that the map stays in the order things were heard.
    state.items.delete(id);
    state.items.set(id, { changeId, deleted, streamTick: tick, ownTick, ownChangeId });
  };
  for (const item of items) hear(item.id, false);
  for (const item of change.deleted) hear(item.id, true);
  const changes = items.map((item) => ({ before: client.getQueryData<HistoryItem>(itemKey(item)), after: item }));
  for (const item of items) client.setQueryData(itemKey(item), item);
  const changed = new Map(items.map((item) => [item.id, item]));
  const gone = new Set(change.deleted.map((item) => item.id));
  for (const item of change.deleted) client.removeQueries({ queryKey: itemKey(item), exact: true });
  for (const query of client.getQueryCache().findAll({ queryKey: generationKeys.lists })) {
    const data = query.state.data as HistoryData | undefined;
    if (!data) continue;
    const held = listedIds(data.pages);
    const fresh = items.filter((item) => !held.has(item.id));
    const pages = data.pages.map((page) => ({
      ...page,
      items: page.items.filter((item) => !gone.has(item.id)).map((item) => {
        const next = changed.get(item.id);
        return next ? laterItem(item, next) : item;
      }),
    }));
    client.setQueryData<HistoryData>(query.queryKey, { ...data, pages: isUnfiltered((query.queryKey[2] ?? {}) as ListFilters) ? placeFresh(pages, fresh) : pages });
  }
  readFilteredAgain(client, changes);
  if (change.usage) {
    client.setQueryData<Usage>(["usage"], change.usage);
    usageHeardAt.set(client, changeId);
  }
  applyPollSummaries(client, change.polls ?? []);
  if (gone.size > 0) for (const listener of deletionListeners.get(client) ?? []) listener(gone);
  letGo(state);
  return true;
};
