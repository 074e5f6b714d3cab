import { InfiniteQueryObserver, QueryClient, type InfiniteData } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import type { ComparisonView, GenerationView, HistoryPage } from "../generation/view";
import { defaultRequest } from "../models/defaults";
import { generationKeys, historyQuery, refreshHistory } from "./generations";
import type { Usage } from "./limits";
import { applyLiveChange, forgetHeard, heardCount, heardOwnChange, onLiveDeletions, ownChangeApplied, readItem, readListsAfresh, readStarted, reconcilePage, reconcileUsage } from "./live-cache";
import { laterGeneration } from "./read-order";
import { pollQuery } from "./polls";
import type { PollSummary } from "../polls/poll-summary";
import { generationView } from "@/test/generation-view";

/** How a message of the live stream lands in the browser's cache: every view of an item agrees at once. */

const generation = (id: string, createdAt: number, patch: Partial<GenerationView> = {}): GenerationView =>
  generationView({ id, createdAt, request: { ...defaultRequest("wan2.6-t2i"), prompt: id }, ...patch });

const usage = { imagesToday: 3 } as Usage;
const pages = (...items: GenerationView[][]): InfiniteData<HistoryPage, string | null> => ({
  pages: items.map((page) => ({ items: page, nextCursor: null })),
  pageParams: items.map(() => null),
});
const listed = (client: QueryClient, filters: object) =>
  client.getQueryData<InfiniteData<HistoryPage, string | null>>(generationKeys.list(filters))?.pages.map((page) => page.items.map((item) => item.id));

describe("today's usage read while the stream runs", () => {
  const count = (imagesToday: number) => ({ imagesToday }) as Usage;

  it("keeps a count the stream brought over a read that left before it, and takes a read as new or newer", () => {
    const client = new QueryClient();
    expect(reconcileUsage(client, count(4), 9)).toEqual(count(4));
    applyLiveChange(client, { items: [], deleted: [], usage: count(5) }, 10);
    expect(reconcileUsage(client, count(4), 9)).toEqual(count(5));
    expect(reconcileUsage(client, count(6), 10)).toEqual(count(6));
    expect(reconcileUsage(client, count(7), 12)).toEqual(count(7));
  });

  it("takes any read once the tab reads afresh, as a log started again gives lower ids", () => {
    const client = new QueryClient();
    applyLiveChange(client, { items: [], deleted: [], usage: count(5) }, 900);
    forgetHeard(client);
    expect(reconcileUsage(client, count(1), 3)).toEqual(count(1));
  });
});

describe("applying a live change", () => {
  it("replaces an item everywhere, puts a new one on top of the unfiltered list, drops a deleted one, and sets the usage", () => {
    const client = new QueryClient();
    const [a, b] = [generation("a", 2), generation("b", 1)];
    client.setQueryData(generationKeys.list({}), pages([a], [b]));
    client.setQueryData(generationKeys.one("a"), a);
    client.setQueryData(generationKeys.one("b"), b);

    const finished = generation("a", 2, { status: "succeeded" });
    applyLiveChange(client, { items: [finished, generation("new", 3)], deleted: [{ kind: "generation", id: "b" }], usage }, 10);

    expect(listed(client, {})).toEqual([["new", "a"], []]);
    expect(client.getQueryData<GenerationView>(generationKeys.one("a"))?.status).toBe("succeeded");
    expect(client.getQueryData(generationKeys.one("new"))).toMatchObject({ id: "new" });
    expect(client.getQueryData(generationKeys.one("b"))).toBeUndefined();
    expect(client.getQueryData(["usage"])).toEqual(usage);
  });

  it("leaves an old item no list holds out of the unfiltered list while its page is still to come, and marks a filtered list to be read again", async () => {
    const client = new QueryClient();
    client.setQueryData(generationKeys.list({}), { pages: [{ items: [generation("a", 5)], nextCursor: "after-a" }], pageParams: [null] });
    client.setQueryData(generationKeys.list({ starred: true }), pages([]));
    applyLiveChange(client, { items: [generation("old", 1, { starred: true })], deleted: [], usage: null }, 10);
    expect(listed(client, {})).toEqual([["a"]]);
    expect(client.getQueryState(generationKeys.list({ starred: true }))?.isInvalidated).toBe(true);
    expect(client.getQueryState(generationKeys.list({}))?.isInvalidated).toBe(false);
  });

  it("marks a filtered list holding a changed item to be read again (it may no longer match), but patches the unfiltered one in place", () => {
    const client = new QueryClient();
    const starred = generation("a", 2, { starred: true });
    client.setQueryData(generationKeys.list({}), pages([starred]));
    client.setQueryData(generationKeys.list({ starred: true }), pages([starred]));
    client.setQueryData(generationKeys.list({ status: "running" }), pages([starred]));
    applyLiveChange(client, { items: [generation("a", 2, { starred: false, status: "succeeded" })], deleted: [], usage: null }, 10);
    expect(client.getQueryState(generationKeys.list({ starred: true }))?.isInvalidated).toBe(true);
    expect(client.getQueryState(generationKeys.list({ status: "running" }))?.isInvalidated).toBe(true);
    expect(client.getQueryState(generationKeys.list({}))?.isInvalidated).toBe(false);
    expect(client.getQueryData<InfiniteData<HistoryPage, string | null>>(generationKeys.list({}))?.pages[0]?.items[0]).toMatchObject({ starred: false, status: "succeeded" });
  });

  it("leaves out a message older than one applied: an item deleted since does not come back", () => {
    const client = new QueryClient();
    client.setQueryData(generationKeys.list({}), pages([generation("b", 1)]));
    expect(applyLiveChange(client, { items: [generation("x", 2, { status: "succeeded" })], deleted: [], usage: null }, 50)).toBe(true);
    expect(applyLiveChange(client, { items: [], deleted: [{ kind: "generation", id: "x" }], usage: null }, 51)).toBe(true);
    // Passed on late by a tab the stream was taken from.
    expect(applyLiveChange(client, { items: [generation("x", 2, { status: "running" })], deleted: [], usage: null }, 45)).toBe(false);
    expect(listed(client, {})).toEqual([["b"]]);
    expect(client.getQueryData(generationKeys.one("x"))).toBeUndefined();
  });

  it("reads a filtered list again only when a filter could see the change, once for a burst of messages", async () => {
    vi.useFakeTimers();
    try {
      const client = new QueryClient();
      const reads = vi.fn(async (): Promise<HistoryPage> => ({ items: [], nextCursor: null }));
      const observer = new InfiniteQueryObserver(client, { queryKey: generationKeys.list({ starred: true }), queryFn: reads, initialPageParam: null, getNextPageParam: () => null });
      const unsubscribe = observer.subscribe(() => undefined);
      await vi.advanceTimersByTimeAsync(0);
      expect(reads).toHaveBeenCalledTimes(1);
      const running = generation("r", 3, { status: "running" });
      client.setQueryData(generationKeys.one("r"), running);
      // A run's next steps (its stage, its task id) change nothing a filter looks at.
      applyLiveChange(client, { items: [{ ...running, stage: "working" }], deleted: [], usage: null }, 10);
      applyLiveChange(client, { items: [{ ...running, stage: "downloading" }], deleted: [], usage: null }, 11);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(reads).toHaveBeenCalledTimes(1);
      // Starred, and a new item, in one burst: one read.
      applyLiveChange(client, { items: [{ ...running, starred: true }], deleted: [], usage: null }, 12);
      applyLiveChange(client, { items: [generation("new", 4)], deleted: [], usage: null }, 13);
      expect(client.getQueryState(generationKeys.list({ starred: true }))?.isInvalidated).toBe(true);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(reads).toHaveBeenCalledTimes(2);
      // This tab's own unstar, written into the cache before the stream's news of it (which then finds
      // nothing changed): the list it left is read again all the same.
      const starred = client.getQueryData<GenerationView>(generationKeys.one("r"));
      client.setQueryData(generationKeys.one("r"), { ...running, starred: false });
      ownChangeApplied(client, starred, { ...running, starred: false });
      applyLiveChange(client, { items: [{ ...running, starred: false }], deleted: [], usage: null }, 14);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(reads).toHaveBeenCalledTimes(3);
      unsubscribe();
    } finally {
      vi.useRealTimers();
    }
  });

  it("applying the same message twice changes nothing more (a replay after a reconnect)", () => {
    const client = new QueryClient();
    client.setQueryData(generationKeys.list({}), pages([generation("a", 2)]));
    const change = { items: [generation("new", 3)], deleted: [], usage: null };
    applyLiveChange(client, change, 10);
    applyLiveChange(client, change, 10);
    expect(listed(client, {})).toEqual([["new", "a"]]);
  });
});

describe("a list page read while the stream runs", () => {
  const place = { first: true, unfiltered: true };

  it("keeps what a newer event said: a generation that failed, one deleted and one created while the page was on its way", () => {
    const client = new QueryClient();
    const onItsWay = readStarted(client);
    applyLiveChange(client, { items: [generation("a", 2, { status: "failed" }), generation("new", 9)], deleted: [{ kind: "generation", id: "b" }], usage: null }, 12);
    const read = { items: [generation("a", 2), generation("b", 1)], nextCursor: null, changeId: 11 };
    const page = reconcilePage(client, read, place, onItsWay);
    expect(page.items.map((item) => [item.id, item.kind === "generation" && item.status])).toEqual([["new", "running"], ["a", "failed"]]);
    expect(client.getQueryData<GenerationView>(generationKeys.one("a"))?.status).toBe("failed");
  });

  it("is believed over an event it already holds, and only the first unfiltered page takes new items", () => {
    const client = new QueryClient();
    const onItsWay = readStarted(client);
    applyLiveChange(client, { items: [generation("a", 2), generation("new", 9)], deleted: [], usage: null }, 12);
    const read = { items: [generation("a", 2, { status: "succeeded" })], nextCursor: null, changeId: 12 };
    expect(reconcilePage(client, read, place, onItsWay).items.map((item) => item.kind === "generation" && item.status)).toEqual(["succeeded"]);
    expect(client.getQueryData<GenerationView>(generationKeys.one("a"))?.status).toBe("succeeded");

    const older = { items: [generation("c", 1)], nextCursor: null, changeId: 3 };
    expect(reconcilePage(client, older, { first: false, unfiltered: true }, onItsWay).items.map((item) => item.id)).toEqual(["c"]);
    expect(reconcilePage(client, older, { first: true, unfiltered: false }, onItsWay).items.map((item) => item.id)).toEqual(["c"]);
  });

  it("keeps what it heard only while a read that set off before it is on its way", () => {
    const client = new QueryClient();
    // No read on its way: nothing is kept, however many changes come.
    for (let index = 0; index < 50; index++) applyLiveChange(client, { items: [generation(`g${index}`, index)], deleted: [], usage: null }, index + 1);
    expect(heardCount(client)).toBe(0);

    const first = readStarted(client);
    applyLiveChange(client, { items: [generation("x", 60)], deleted: [], usage: null }, 60);
    const second = readStarted(client);
    applyLiveChange(client, { items: [generation("y", 61)], deleted: [{ kind: "generation", id: "g1" }], usage: null }, 61);
    expect(heardCount(client)).toBe(3);
    // The first read answers late: the second set off after "x" was heard, so only what came after it stays.
    const late = reconcilePage(client, { items: [generation("x", 60)], nextCursor: null, changeId: 59 }, place, first);
    expect(late.items.map((item) => item.id)).toEqual(["y", "x"]);
    first.end();
    expect(heardCount(client)).toBe(2);
    // Heard again while the second is out: it moves to the end of what is kept, and stays with it.
    applyLiveChange(client, { items: [generation("x", 60, { status: "failed" })], deleted: [], usage: null }, 62);
    const after = reconcilePage(client, { items: [generation("x", 60)], nextCursor: null, changeId: 60 }, place, second);
    expect(after.items.map((item) => [item.id, item.kind === "generation" && item.status])).toEqual([["y", "running"], ["x", "failed"]]);
    second.end();
    expect(heardCount(client)).toBe(0);
  });
});

describe("a read on its way while the item changes here", () => {
  /** A read of "a" whose answer the test gives when it likes. */
  const slowRead = (client: QueryClient) => {
    let answer: (item: GenerationView) => void = () => {};
    const reading = readItem(client, "a", () => new Promise<GenerationView>((resolve) => (answer = resolve)), laterGeneration);
    return { reading, answer: (item: GenerationView) => answer(item) };
  };
  const ownStar = (client: QueryClient, item: GenerationView) => {
    heardOwnChange(client, item);
    client.setQueryData(generationKeys.one(item.id), item);
  };

  it("keeps this tab's star answered after the card's read set off, and takes a read that set off after it", async () => {
    const client = new QueryClient();
    client.setQueryData(generationKeys.one("a"), generation("a", 1));
    const early = slowRead(client);
    ownStar(client, generation("a", 1, { starred: true }));
    early.answer(generation("a", 1));
    expect(await early.reading).toMatchObject({ starred: true });
    expect(heardCount(client)).toBe(0);

    const after = slowRead(client);
    after.answer(generation("a", 1, { starred: true, status: "succeeded" }));
    expect(await after.reading).toMatchObject({ starred: true, status: "succeeded" });
    // Starred elsewhere (no change of this tab's), the read is believed.
    const plain = slowRead(client);
    plain.answer(generation("a", 1, { starred: false, status: "succeeded" }));
    expect(await plain.reading).toMatchObject({ starred: false });
  });

  it("keeps what the stream said of it meanwhile, and what another item's change says nothing of", async () => {
    const client = new QueryClient();
    client.setQueryData(generationKeys.one("a"), generation("a", 1));
    const read = slowRead(client);
    applyLiveChange(client, { items: [generation("b", 2)], deleted: [], usage: null }, 5);
    read.answer(generation("a", 1, { status: "succeeded" }));
    expect(await read.reading).toMatchObject({ status: "succeeded" });

    const overtaken = slowRead(client);
    applyLiveChange(client, { items: [generation("a", 1, { status: "succeeded", starred: true })], deleted: [], usage: null }, 6);
    overtaken.answer(generation("a", 1, { status: "succeeded", starred: false }));
    expect(await overtaken.reading).toMatchObject({ starred: true });
  });

  it("takes what the read says of its end over this tab's cancel: a call too late to stop shows its images", async () => {
    const client = new QueryClient();
    client.setQueryData(generationKeys.one("a"), generation("a", 1));
    const read = slowRead(client);
    ownStar(client, generation("a", 1, { status: "cancelled", starred: true }));
    read.answer(generation("a", 1, { status: "succeeded" }));
    expect(await read.reading).toMatchObject({ status: "succeeded", starred: true });
  });

  it("never brings back an item the stream said was deleted, nor drops one it said was created, for a change of this tab's", () => {
    const client = new QueryClient();
    const place = { first: true, unfiltered: true };
    const onItsWay = readStarted(client);
    applyLiveChange(client, { items: [generation("new", 9)], deleted: [{ kind: "generation", id: "gone" }], usage: null }, 30);
    ownStar(client, generation("gone", 1, { starred: true }));
    ownStar(client, generation("new", 9, { starred: true }));
    const page = reconcilePage(client, { items: [generation("gone", 1)], nextCursor: null, changeId: 29 }, place, onItsWay);
    expect(page.items.map((item) => [item.id, item.starred])).toEqual([["new", true]]);
    onItsWay.end();
  });

  it("keeps this tab's star in a list page that set off before it was answered", () => {
    const client = new QueryClient();
    const place = { first: true, unfiltered: true };
    const early = readStarted(client);
    ownStar(client, generation("a", 1, { starred: true }));
    const later = readStarted(client);
    const page = { items: [generation("a", 1)], nextCursor: null, changeId: 40 };
    expect(reconcilePage(client, page, place, early).items[0]).toMatchObject({ starred: true });
    expect(reconcilePage(client, page, place, later).items[0]).toMatchObject({ starred: false });
    early.end();
    later.end();
  });
});

describe("the stream's news of an item that left before this tab's own change of it", () => {
  const ownChange = (client: QueryClient, item: GenerationView, changeId: number | null) => {
    heardOwnChange(client, item, changeId);
    client.setQueryData(generationKeys.one(item.id), item);
  };
  const live = (client: QueryClient, item: GenerationView, changeId: number) => applyLiveChange(client, { items: [item], deleted: [], usage: null }, changeId);

  it("keeps this tab's star in the card and the list until the stream tells of it, and then takes what comes after", () => {
    const client = new QueryClient();
    client.setQueryData(generationKeys.list({}), pages([generation("a", 1, { status: "running" })]));
    ownChange(client, generation("a", 1, { status: "running", starred: true }), 10);
    // Read before the star was made, told after it was answered: its step is taken, not its star.
    live(client, generation("a", 1, { status: "running", stage: "working" }), 9);
    expect(client.getQueryData(generationKeys.one("a"))).toMatchObject({ starred: true, stage: "working" });
    expect(client.getQueryData<InfiniteData<HistoryPage, string | null>>(generationKeys.list({}))?.pages[0]?.items[0]).toMatchObject({ starred: true, stage: "working" });
    live(client, generation("a", 1, { status: "succeeded", starred: true }), 10);
    expect(heardCount(client)).toBe(0);
    // Unstarred in another tab afterwards: believed.
    live(client, generation("a", 1, { status: "succeeded", starred: false }), 11);
    expect(client.getQueryData(generationKeys.one("a"))).toMatchObject({ starred: false, status: "succeeded" });
  });

  it("keeps this tab's cancel over a step told of the call before it stopped", () => {
    const client = new QueryClient();
    ownChange(client, generation("a", 1, { status: "cancelled" }), 12);
    live(client, generation("a", 1, { status: "running", stage: "downloading" }), 11);
    expect(client.getQueryData(generationKeys.one("a"))).toMatchObject({ status: "cancelled" });
    live(client, generation("a", 1, { status: "cancelled" }), 12);
    expect(heardCount(client)).toBe(0);
  });

  it("takes an answer the stream has already told of (or told of what came after it) as old news, and waits for nothing", () => {
    const client = new QueryClient();
    live(client, generation("a", 1, { starred: true }), 20);
    // Unstarred in another tab at 21, told; this tab's star, made at 20, answered only now.
    live(client, generation("a", 1, { starred: false }), 21);
    expect(heardOwnChange(client, generation("a", 1, { starred: true }), 20)).toBe(false);
    expect(heardCount(client)).toBe(0);
    expect(heardOwnChange(client, generation("b", 1, { starred: true }), 22)).toBe(true);
    // A fresh read (another log, perhaps with lower ids): nothing told before counts.
    forgetHeard(client);
    expect(heardOwnChange(client, generation("a", 1, { starred: true }), 3)).toBe(true);
  });

  it("believes every message when the answer named no change (the log kept none of the item)", () => {
    const client = new QueryClient();
    ownChange(client, generation("a", 1, { starred: true }), null);
    expect(heardCount(client)).toBe(0);
    live(client, generation("a", 1, { starred: false }), 3);
    expect(client.getQueryData(generationKeys.one("a"))).toMatchObject({ starred: false });
  });
});

describe("items deleted elsewhere", () => {
  it("are told to whoever listens (a selection lets them go), and only those", () => {
    const client = new QueryClient();
    const heard: string[][] = [];
    const stop = onLiveDeletions(client, (ids) => heard.push([...ids]));
    applyLiveChange(client, { items: [generation("kept", 1)], deleted: [], usage: null }, 1);
    applyLiveChange(client, { items: [], deleted: [{ kind: "generation", id: "a" }, { kind: "comparison", id: "b" }], usage: null }, 2);
    stop();
    applyLiveChange(client, { items: [], deleted: [{ kind: "generation", id: "c" }], usage: null }, 3);
    expect(heard).toEqual([["a", "b"]]);
  });
});

describe("a poll's counts on its owner's page", () => {
  const summary = (votes: number, closedAt: number | null = null): PollSummary => ({ id: "p1", title: "Which?", path: "/vote/t", reveal: "on_close", access: "link", closedAt, items: 2, votes, voters: votes });

  it("take the stream's news of a vote or a close at once, for a poll the tab shows and no other", () => {
    const client = new QueryClient();
    client.setQueryData(pollQuery(summary(0), true).queryKey, summary(0));
    applyLiveChange(client, { items: [], deleted: [], usage: null, polls: [summary(1), { ...summary(4), id: "p2" }] }, 10);
    expect(client.getQueryData(pollQuery(summary(0), true).queryKey)).toEqual(summary(1));
    expect(client.getQueryData(["polls", "p2"])).toBeUndefined();
    applyLiveChange(client, { items: [], deleted: [], usage: null, polls: [summary(1, 50)] }, 11);
    expect(client.getQueryData(pollQuery(summary(0), true).queryKey)).toEqual(summary(1, 50));
    // A message of an instance from before polls were told changes nothing of them.
    applyLiveChange(client, { items: [], deleted: [], usage: null }, 12);
    expect(client.getQueryData(pollQuery(summary(0), true).queryKey)).toEqual(summary(1, 50));
  });

  it("are asked again every 10 s while the stream is not open and each minute while it is, and a read that left before a vote never puts older counts back", async () => {
    const client = new QueryClient();
    const live = pollQuery(summary(0), true);
    const polling = pollQuery(summary(0), false);
    // As the query asks it, of the poll open.
    const interval = ({ refetchInterval }: typeof live) => (typeof refetchInterval === "function" ? refetchInterval({ state: { data: summary(0) } } as Parameters<typeof refetchInterval>[0]) : refetchInterval);
    expect(interval(live)).toBe(60_000);
    expect(interval(polling)).toBe(10_000);
    let answer: (value: Response) => void = () => undefined;
    vi.spyOn(globalThis, "fetch").mockImplementationOnce(() => new Promise<Response>((resolve) => (answer = resolve)));
    try {
      const read = client.fetchQuery({ ...live, staleTime: 0 });
      applyLiveChange(client, { items: [], deleted: [], usage: null, polls: [summary(3)] }, 10);
      answer(new Response(JSON.stringify(summary(2)), { headers: { "content-type": "application/json" } }));
      expect(await read).toEqual(summary(3));
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe("the history's list read again or further while the stream runs", () => {
  type Listed = { items: GenerationView[]; nextCursor: string | null; changeId: number };
  const page = (items: GenerationView[], nextCursor: string | null, changeId: number): Listed => ({ items, nextCursor, changeId });
  const statuses = (client: QueryClient) =>
    client.getQueryData<InfiniteData<HistoryPage, string | null>>(generationKeys.list({}))?.pages.map((held) => held.items.map((item) => `${item.id}:${item.kind === "generation" && item.status}`));

  /** The unfiltered list as the history shows it, each read of a page answered when the test says. */
  const watch = async (client: QueryClient, first: Listed) => {
    const waiting: Array<(listed: Listed) => void> = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(() => new Promise<Response>((resolve) => waiting.push((listed) => resolve(Response.json(listed)))));
    const observer = new InfiniteQueryObserver(client, historyQuery({}));
    const stop = observer.subscribe(() => undefined);
    /** Resolves once a page has been asked for. */
    const asked = () => vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0));
    const answer = async (listed: Listed) => {
      await asked();
      waiting.shift()?.(listed);
    };
    await answer(first);
    await vi.waitFor(() => expect(observer.getCurrentResult().isSuccess).toBe(true));
    return { observer, asked, answer, stop: () => (stop(), vi.restoreAllMocks()) };
  };
  const [a, b, c] = [generation("a", 20), generation("b", 10, { status: "running" }), generation("c", 5)];
  const change = { items: [generation("new", 40), generation("b", 10, { status: "succeeded" })], deleted: [{ kind: "generation" as const, id: "a" }], usage: null };

  it("keeps a change heard while the next page was on its way", async () => {
    const client = new QueryClient();
    const list = await watch(client, page([a, b], "after-b", 5));
    const next = list.observer.fetchNextPage();
    applyLiveChange(client, change, 10);
    expect(statuses(client)).toEqual([["new:running", "b:succeeded"]]);
    await list.answer(page([c], null, 9));
    await next;
    expect(statuses(client)).toEqual([["new:running", "b:succeeded"], ["c:running"]]);
    // Kept no longer than the read needed it.
    expect(heardCount(client)).toBe(0);
    list.stop();
  });

  it("keeps a change heard while every loaded page was read again, after the first had come", async () => {
    const client = new QueryClient();
    const list = await watch(client, page([a, b], "after-b", 5));
    const next = list.observer.fetchNextPage();
    await list.answer(page([c], null, 5));
    await next;
    const again = list.observer.refetch();
    await list.answer(page([a, b], "after-b", 9));
    // The first page has come and the second is asked for.
    await list.asked();
    applyLiveChange(client, change, 10);
    await list.answer(page([c], null, 9));
    await again;
    expect(statuses(client)).toEqual([["new:running", "b:succeeded"], ["c:running"]]);
    list.stop();
  });

  it("keeps this tab's own star answered while the next page was on its way", async () => {
    const client = new QueryClient();
    const list = await watch(client, page([a, b], "after-b", 5));
    const next = list.observer.fetchNextPage();
    const starred = generation("a", 20, { starred: true });
    heardOwnChange(client, starred, 11);
    client.setQueryData(generationKeys.one("a"), starred);
    client.setQueryData<InfiniteData<HistoryPage, string | null>>(generationKeys.list({}), (data) => data && { ...data, pages: [{ ...data.pages[0]!, items: [starred, b] }] });
    await list.answer(page([c], null, 9));
    await next;
    expect(client.getQueryData<InfiniteData<HistoryPage, string | null>>(generationKeys.list({}))?.pages[0]?.items[0]).toMatchObject({ starred: true });
    list.stop();
  });

  it("keeps a change heard while the list was read for the first time, and while a read was cancelled", async () => {
    const client = new QueryClient();
    const waiting: Array<(listed: Listed) => void> = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(() => new Promise<Response>((resolve) => waiting.push((listed) => resolve(Response.json(listed)))));
    try {
      const observer = new InfiniteQueryObserver(client, historyQuery({}));
      const stop = observer.subscribe(() => undefined);
      await vi.waitFor(() => expect(waiting.length).toBe(1));
      applyLiveChange(client, change, 10);
      // Read before the change: it has neither the new item nor the end of b.
      waiting.shift()?.(page([a, b], "after-b", 9));
      await vi.waitFor(() => expect(observer.getCurrentResult().isSuccess).toBe(true));
      expect(statuses(client)).toEqual([["new:running", "b:succeeded"]]);

      const next = observer.fetchNextPage();
      await vi.waitFor(() => expect(waiting.length).toBe(1));
      applyLiveChange(client, { items: [generation("newer", 50)], deleted: [], usage: null }, 11);
      await client.cancelQueries({ queryKey: generationKeys.lists });
      await next;
      expect(statuses(client)).toEqual([["newer:running", "new:running", "b:succeeded"]]);
      stop();
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe("the lists when the stream says a fresh hello", () => {
  type Listed = { items: GenerationView[]; nextCursor: string | null; changeId: number };
  const page = (items: GenerationView[], changeId: number): Listed => ({ items, nextCursor: null, changeId });
  const [a, b] = [generation("a", 20), generation("b", 10)];

  /** The unfiltered list, each read answered when the test says; counts the reads asked for. */
  const watch = (client: QueryClient) => {
    const waiting: Array<(listed: Listed) => void> = [];
    const fetched = vi.spyOn(globalThis, "fetch").mockImplementation(() => new Promise<Response>((resolve) => waiting.push((listed) => resolve(Response.json(listed)))));
    const observer = new InfiniteQueryObserver(client, historyQuery({}));
    const stop = observer.subscribe(() => undefined);
    const answer = async (listed: Listed) => {
      await vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0));
      waiting.shift()?.(listed);
    };
    const ids = () => observer.getCurrentResult().data?.pages.map((held) => held.items.map((item) => item.id));
    return { answer, ids, reads: () => fetched.mock.calls.length, stop: () => (stop(), vi.restoreAllMocks()) };
  };

  it("reads a list again unless it was read as of the hello's change: an earlier one missed changes, a later one may be another log's", async () => {
    const client = new QueryClient();
    const list = watch(client);
    await list.answer(page([a], 7));
    await vi.waitFor(() => expect(list.ids()).toEqual([["a"]]));

    await readListsAfresh(client, 7);
    expect(list.reads()).toBe(1);

    const again = readListsAfresh(client, 8);
    await list.answer(page([b, a], 8));
    await again;
    expect(list.reads()).toBe(2);
    expect(list.ids()).toEqual([["b", "a"]]);

    // A server started again on an empty database: its log starts again.
    const restarted = readListsAfresh(client, 0);
    await list.answer(page([], 0));
    await restarted;
    expect(list.reads()).toBe(3);
    expect(list.ids()).toEqual([[]]);
    list.stop();
  });

  it("waits for the first read on its way and takes it when it is as new as the hello: one read in all", async () => {
    const client = new QueryClient();
    const list = watch(client);
    const afresh = readListsAfresh(client, 7);
    await list.answer(page([a], 7));
    await afresh;
    expect(list.reads()).toBe(1);
    expect(list.ids()).toEqual([["a"]]);
    list.stop();
  });

  it("reads the list again when the read on its way turns out older than the hello: the change between them is not missed", async () => {
    const client = new QueryClient();
    const list = watch(client);
    const afresh = readListsAfresh(client, 8);
    await list.answer(page([a], 7));
    await list.answer(page([b, a], 8));
    await afresh;
    expect(list.reads()).toBe(2);
    expect(list.ids()).toEqual([["b", "a"]]);
    list.stop();
  });
});

describe("a new item whose start is older than the newest listed", () => {
  const ids = (client: QueryClient) => client.getQueryData<InfiniteData<HistoryPage, string | null>>(generationKeys.list({}))?.pages.map((held) => held.items.map((item) => item.id));
  const loaded = (client: QueryClient) =>
    client.setQueryData<InfiniteData<HistoryPage, string | null>>(generationKeys.list({}), {
      pages: [
        { items: [generation("p", 1000), generation("q", 900)], nextCursor: "after-q" },
        { items: [generation("r", 800)], nextCursor: "after-r" },
      ],
      pageParams: [null, "after-q"],
    });

  it("goes where the server lists it (newest first, then the greater id) when told after a newer one", () => {
    const client = new QueryClient();
    loaded(client);
    applyLiveChange(client, { items: [generation("B", 2000)], deleted: [], usage: null }, 10);
    applyLiveChange(client, { items: [generation("A", 1999)], deleted: [], usage: null }, 11);
    applyLiveChange(client, { items: [generation("z", 850), generation("y", 850)], deleted: [], usage: null }, 12);
    expect(ids(client)).toEqual([["B", "A", "p", "q"], ["z", "y", "r"]]);
    // Older than all that is loaded, while more pages exist: its page will bring it.
    applyLiveChange(client, { items: [generation("old", 700)], deleted: [], usage: null }, 13);
    expect(ids(client)).toEqual([["B", "A", "p", "q"], ["z", "y", "r"]]);
  });

  it("goes at the end of a list that has no more pages", () => {
    const client = new QueryClient();
    client.setQueryData(generationKeys.list({}), pages([generation("p", 1000)]));
    applyLiveChange(client, { items: [generation("late", 10)], deleted: [], usage: null }, 10);
    expect(ids(client)).toEqual([["p", "late"]]);
  });

  it("goes into a first page read before it was heard, which holds the newer one", () => {
    const client = new QueryClient();
    const onItsWay = readStarted(client);
    applyLiveChange(client, { items: [generation("B", 2000)], deleted: [], usage: null }, 10);
    applyLiveChange(client, { items: [generation("A", 1999)], deleted: [], usage: null }, 11);
    applyLiveChange(client, { items: [generation("old", 700)], deleted: [], usage: null }, 12);
    const read = { items: [generation("B", 2000), generation("p", 1000), generation("q", 900)], nextCursor: "after-q", changeId: 10 };
    expect(reconcilePage(client, read, { first: true, unfiltered: true }, onItsWay).items.map((item) => item.id)).toEqual(["B", "A", "p", "q"]);
    onItsWay.end();
  });
});

describe("an ended generation told again as running by a late message", () => {
  it("stays ended in its card and in the list", () => {
    const client = new QueryClient();
    client.setQueryData(generationKeys.list({}), pages([generation("x", 1)]));
    applyLiveChange(client, { items: [generation("x", 1, { status: "succeeded" })], deleted: [], usage: null }, 15);
    applyLiveChange(client, { items: [generation("x", 1, { status: "running", stage: "downloading" })], deleted: [], usage: null }, 20);
    expect(client.getQueryData(generationKeys.one("x"))).toMatchObject({ status: "succeeded" });
    expect(client.getQueryData<InfiniteData<HistoryPage, string | null>>(generationKeys.list({}))?.pages[0]?.items[0]).toMatchObject({ status: "succeeded" });
  });

  it("keeps the columns of a comparison that ended", () => {
    const client = new QueryClient();
    const comparison = (status: GenerationView["status"]): ComparisonView => ({
      kind: "comparison",
      id: "cmp",
      createdAt: 1,
      request: { models: ["qwen-image", "wan2.6-t2i"], prompt: "a lantern", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 3, promptExtend: true, watermark: false, blind: false },
      seed: 3,
      starred: false,
      revealed: true,
      columns: [{ generation: { ...generation("col", 1, { comparisonId: "cmp", status }), request: { ...defaultRequest("qwen-image"), prompt: "a lantern" } }, notes: [] }],
    });
    applyLiveChange(client, { items: [comparison("succeeded")], deleted: [], usage: null }, 15);
    applyLiveChange(client, { items: [comparison("running")], deleted: [], usage: null }, 20);
    expect(client.getQueryData<ComparisonView>(generationKeys.comparison("cmp"))?.columns[0]?.generation.status).toBe("succeeded");
  });
});

describe("an item this tab started", () => {
  const threePages = () => ({
    pages: [
      { items: [generation("c", 30)], nextCursor: "2" },
      { items: [generation("b", 20)], nextCursor: "3" },
      { items: [generation("a", 10)], nextCursor: null },
    ],
    pageParams: [null, "2", "3"],
  });

  it("goes into the lists at once, with no page read again; a filtered list is read again", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY } } });
    const reads = vi.fn(async (_context: { queryKey: readonly unknown[] }) => ({ items: [], nextCursor: null, changeId: 0 }));
    client.setQueryData(generationKeys.list({}), threePages());
    client.setQueryData(generationKeys.list({ starred: true }), pages([generation("b", 20)]));
    const observers = [{}, { starred: true }].map((filters) => new InfiniteQueryObserver(client, { ...historyQuery(filters), queryFn: reads }));
    const stop = observers.map((observer) => observer.subscribe(() => undefined));
    await refreshHistory(client, generation("new", 40));
    expect(listed(client, {})).toEqual([["new", "c"], ["b"], ["a"]]);
    expect(client.getQueryData(generationKeys.one("new"))).toMatchObject({ id: "new" });
    // The starred list alone was asked again (its one page); none of the unfiltered list's three.
    await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(1));
    expect(reads.mock.calls[0]?.[0]).toMatchObject({ queryKey: generationKeys.list({ starred: true }) });
    for (const unsubscribe of stop) unsubscribe();
  });

  it("keeps the stream's news of it when that came before the answer that started it", async () => {
    const client = new QueryClient();
    client.setQueryData(generationKeys.list({}), pages([generation("a", 10)]));
    applyLiveChange(client, { items: [generation("new", 40, { stage: "sent" })], deleted: [], usage: null }, 5);
    await refreshHistory(client, generation("new", 40, { stage: null }));
    expect(client.getQueryData<GenerationView>(generationKeys.one("new"))?.stage).toBe("sent");
    expect(client.getQueryData<InfiniteData<HistoryPage, string | null>>(generationKeys.list({}))?.pages[0]?.items.map((item) => [item.id, item.kind === "generation" && item.stage])).toEqual([
      ["new", "sent"],
      ["a", null],
    ]);
  });

  it("has the lists read again when one is on its way, which would not hold it", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY } } });
    let answer = (_page: HistoryPage & { changeId: number }) => undefined as void;
    const reads = vi.fn(() => new Promise<HistoryPage & { changeId: number }>((resolve) => (answer = resolve)));
    const observer = new InfiniteQueryObserver(client, { ...historyQuery({}), queryFn: reads });
    const unsubscribe = observer.subscribe(() => undefined);
    await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(1));
    const refreshed = refreshHistory(client, generation("new", 40));
    await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(2));
    answer({ items: [generation("new", 40)], nextCursor: null, changeId: 1 });
    await refreshed;
    expect(listed(client, {})).toEqual([["new"]]);
    unsubscribe();
  });
});
