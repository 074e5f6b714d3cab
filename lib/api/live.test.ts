import { QueryClient, type InfiniteData } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GenerationView, HistoryPage } from "../generation/view";
import { signInPath } from "../access/next-path";
import { generationKeys } from "./generations";
import { SIGNED_OUT_CHECK_MS } from "./live";
import { generationView } from "@/test/generation-view";
import { asked, FakeChannel, FakeEventSource, installBrowser, type BrowserOptions } from "@/test/live-browser";

/** How a tab follows the history's live stream: one stream per browser, its changes in the cache, polling without it. */

/** What each test started, stopped after it. */
const stops: Array<() => void> = [];

/** A tab: its own instance of the module (whether its stream is open is the module's), and its own cache. */
const openTab = async () => {
  vi.resetModules();
  const live = await import("./live");
  const client = new QueryClient();
  client.setQueryData<InfiniteData<HistoryPage, string | null>>(generationKeys.list({}), { pages: [{ items: [], nextCursor: null }], pageParams: [null] });
  const stop = live.startLiveHistory(client);
  stops.push(stop);
  // Its lock request and its question to the other tabs are answered.
  await settle();
  return { ...live, client, stop };
};
/** The server's ping every 15 s on each stream it answered (one that said hello) and that is still open, as app/api/events does. */
const serverPings = () => {
  const pings = setInterval(() => {
    for (const stream of streams()) if (stream.readyState === FakeEventSource.OPEN) stream.send("ping");
  }, 15_000);
  stops.push(() => clearInterval(pings));
};
const settle = () => vi.advanceTimersByTimeAsync(0);
const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);

const streams = () => FakeEventSource.opened;
const latest = () => {
  const stream = FakeEventSource.opened.at(-1);
  if (!stream) throw new Error("No stream was opened.");
  return stream;
};
const change = (...items: GenerationView[]) => ({ items, deleted: [], usage: null });
const item = (id: string) => generationView({ id, createdAt: 1 });
const held = (client: QueryClient, id: string) => client.getQueryData(generationKeys.one(id));

let browser: ReturnType<typeof installBrowser>;
const install = (options?: BrowserOptions) => (browser = installBrowser(options));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("a tab's own stream (a browser without Web Locks)", () => {
  it("opens from the start, reads afresh on a hello that does not resume, applies changes, and opens again from the last one applied", async () => {
    install({ locks: false });
    const tab = await openTab();
    const invalidated = vi.spyOn(tab.client, "invalidateQueries");
    expect(streams().map((stream) => stream.url)).toEqual(["/api/events"]);
    expect(tab.isLive()).toBe(false);

    latest().send("hello", { resumed: false }, "7");
    expect(tab.isLive()).toBe(true);
    // The list held was read before the stream's change 7 (it has no change id at all).
    expect(invalidated).toHaveBeenCalledWith({ queryKey: generationKeys.list({}), exact: true });

    latest().send("change", change(item("new")), "8");
    expect(held(tab.client, "new")).toMatchObject({ id: "new" });
    expect(tab.client.getQueryData<InfiniteData<HistoryPage, string | null>>(generationKeys.list({}))?.pages[0]?.items.map(({ id }) => id)).toEqual(["new"]);
    // Older than what was applied (a tab the stream was taken from passing it on): left out, and not resumed from.
    latest().send("change", change(item("stale")), "6");
    expect(held(tab.client, "stale")).toBeUndefined();

    latest().fail(true);
    expect(tab.isLive()).toBe(false);
    await wait(5_000);
    expect(streams().map((stream) => stream.url)).toEqual(["/api/events", "/api/events?after=8"]);
    expect(streams()[0]?.closed).toBe(true);

    invalidated.mockClear();
    latest().send("hello", { resumed: true }, "8");
    expect(tab.isLive()).toBe(true);
    expect(invalidated).not.toHaveBeenCalled();

    tab.stop();
    expect(tab.isLive()).toBe(false);
    expect(latest().closed).toBe(true);
  });

  it("leaves a dropped stream to the browser's own reconnect, polling meanwhile", async () => {
    install({ locks: false });
    const tab = await openTab();
    latest().send("hello", { resumed: true }, "3");
    latest().fail(false);
    expect(tab.isLive()).toBe(false);
    await wait(30_000);
    expect(streams()).toHaveLength(1);
    expect(asked(browser.fetch, "/api/limits")).toBe(0);
    latest().send("hello", { resumed: true }, "3");
    expect(tab.isLive()).toBe(true);
  });

  it("tries a refused stream again after 5 s, then twice as long each time up to a minute, and from 5 s again once one opens", async () => {
    install({ locks: false });
    const tab = await openTab();
    const waited: number[] = [];
    /** Refuses the stream open now and measures, to the millisecond, how long until the next is opened. */
    const refuseAndTime = async () => {
      const before = streams().length;
      latest().fail(true);
      await settle();
      let ms = 0;
      while (streams().length === before && ms < 120_000) {
        await wait(1_000);
        ms += 1_000;
      }
      waited.push(ms);
      expect(tab.isLive()).toBe(false);
    };
    for (let refusal = 0; refusal < 6; refusal++) await refuseAndTime();
    expect(waited).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);

    latest().send("hello", { resumed: true }, "1");
    await refuseAndTime();
    expect(waited.at(-1)).toBe(5_000);
  });

  it("takes a stream silent for 40 s as dead, and opens another from the last change; a ping keeps it", async () => {
    install({ locks: false });
    const tab = await openTab();
    latest().send("hello", { resumed: false }, "3");
    await wait(30_000);
    latest().send("ping");
    await wait(39_999);
    expect(streams()).toHaveLength(1);
    expect(tab.isLive()).toBe(true);

    await wait(1);
    expect(tab.isLive()).toBe(false);
    expect(streams()[0]?.closed).toBe(true);
    expect(latest().url).toBe("/api/events?after=3");
  });

  it("sends a tab whose stream is refused for want of a session to sign in, and back to its page after", async () => {
    install({ locks: false, search: "?model=wan2.6-t2i" });
    browser.server.limits = 401;
    await openTab();
    latest().fail(true);
    await settle();
    expect(browser.location.assign).toHaveBeenCalledWith(signInPath("/?model=wan2.6-t2i"));
    await wait(120_000);
    expect(streams()).toHaveLength(1);
  });

  it("keeps a tab whose stream is refused while signed in, or with no answer to the question, on its page, trying again", async () => {
    install({ locks: false });
    await openTab();
    latest().fail(true);
    await wait(5_000);
    browser.server.limits = "unreachable";
    latest().fail(true);
    await wait(10_000);
    expect(browser.location.assign).not.toHaveBeenCalled();
    expect(streams()).toHaveLength(3);
  });

  it("tries a refused stream again when the question whether the session is gone is never answered", async () => {
    install({ locks: false });
    const tab = await openTab();
    browser.server.limits = "silent";
    latest().fail(true);
    await wait(SIGNED_OUT_CHECK_MS + 5_000);
    expect(browser.location.assign).not.toHaveBeenCalled();
    expect(streams()).toHaveLength(2);
    latest().send("hello", { resumed: true }, "1");
    expect(tab.isLive()).toBe(true);
  });

  it("sends the tab to sign in when the stream says its session was signed out, without opening it again", async () => {
    install({ locks: false });
    const tab = await openTab();
    latest().send("hello", { resumed: true }, "2");
    latest().send("signed-out");
    expect(tab.isLive()).toBe(false);
    expect(browser.location.assign).toHaveBeenCalledWith("/sign-in");
    await wait(120_000);
    expect(streams()).toHaveLength(1);
  });
});

describe("the lists without a stream", () => {
  const listReads = () => asked(browser.fetch, "/api/generations");

  it("are checked every 10 s and read again when the change log moved, but not while the stream is open or the tab is hidden", async () => {
    install({ locks: false });
    serverPings();
    const tab = await openTab();
    const refetched = vi.spyOn(tab.client, "refetchQueries");
    await wait(9_999);
    expect(listReads()).toBe(0);
    await wait(1);
    expect(listReads()).toBe(1);
    expect(refetched).toHaveBeenCalledTimes(1);

    // Nothing changed since the last look: one item asked for, no list read.
    await wait(10_000);
    expect(listReads()).toBe(2);
    expect(refetched).toHaveBeenCalledTimes(1);
    browser.server.changeId = 4;
    await wait(10_000);
    expect(refetched).toHaveBeenCalledTimes(2);
    expect(refetched).toHaveBeenLastCalledWith({ queryKey: generationKeys.lists, type: "active" }, { cancelRefetch: false });

    latest().send("hello", { resumed: true }, "4");
    await wait(60_000);
    expect(listReads()).toBe(3);

    latest().fail(false);
    await wait(10_000);
    expect(listReads()).toBe(4);

    browser.document.hidden = true;
    await wait(60_000);
    expect(listReads()).toBe(4);
  });

  it("are checked every 10 s where the browser has no EventSource", async () => {
    install({ locks: false });
    vi.stubGlobal("EventSource", undefined);
    await openTab();
    await wait(30_000);
    expect(listReads()).toBe(3);
  });
});

describe("tabs of one browser sharing one stream", () => {
  /** The tab that holds the stream, with one in line behind it that has heard the holder's hello and first change. */
  const twoTabs = async () => {
    install();
    serverPings();
    const holder = await openTab();
    expect(streams()).toHaveLength(1);
    latest().send("hello", { resumed: false }, "5");
    const follower = await openTab();
    // One stream for both; the newcomer learns from the holder that it is open.
    expect(streams()).toHaveLength(1);
    expect(follower.isLive()).toBe(true);
    latest().send("change", change(item("a")), "6");
    await settle();
    expect(held(follower.client, "a")).toMatchObject({ id: "a" });
    return { holder, follower, holderChannel: FakeChannel.all[0] };
  };

  it("relays the holder's stream to the others, and passes it on from the last change heard when the holder closes", async () => {
    const { holder, follower } = await twoTabs();
    latest().send("change", change(item("b")), "7");
    await settle();
    expect(held(follower.client, "b")).toMatchObject({ id: "b" });
    holder.stop();
    await settle();
    expect(streams()).toHaveLength(2);
    expect(streams()[0]?.closed).toBe(true);
    expect(latest().url).toBe("/api/events?after=7");
  });

  it("has every tab poll once the holder closes, until the stream of the tab that takes it over opens", async () => {
    const { holder, follower } = await twoTabs();
    const third = await openTab();
    expect(third.isLive()).toBe(true);
    holder.stop();
    await settle();
    // The new holder's stream is not answered yet (a slow or hung server): the lists are checked meanwhile.
    expect(streams()).toHaveLength(2);
    expect(follower.isLive()).toBe(false);
    expect(third.isLive()).toBe(false);
    await wait(10_000);
    expect(asked(browser.fetch, "/api/generations")).toBe(2);
    latest().send("hello", { resumed: true }, "6");
    await settle();
    expect(follower.isLive()).toBe(true);
    expect(third.isLive()).toBe(true);
  });

  it("leaves the stream with a holder that beats, however long", async () => {
    await twoTabs();
    await wait(10 * 60_000);
    expect(streams()).toHaveLength(1);
  });

  it("takes the stream from a holder silent for 90 s, not before, from the last change heard; the holder then waits in line", async () => {
    const { holder, follower, holderChannel } = await twoTabs();
    await wait(20_000);
    // The holder's last word, then it hangs.
    latest().send("change", change(item("b")), "7");
    await settle();
    holderChannel!.silenced = true;
    await wait(89_999);
    expect(streams()).toHaveLength(1);

    await wait(1);
    expect(streams()).toHaveLength(2);
    expect(latest().url).toBe("/api/events?after=7");
    expect(streams()[0]?.closed).toBe(true);
    // Neither trusts the hung holder's word that the stream is open.
    expect(holder.isLive()).toBe(false);
    expect(follower.isLive()).toBe(false);

    // The new holder's stream reaches the old one, now in line.
    holderChannel!.silenced = false;
    latest().send("hello", { resumed: true }, "7");
    latest().send("change", change(item("c")), "8");
    await settle();
    expect(follower.isLive()).toBe(true);
    expect(holder.isLive()).toBe(true);
    expect(held(holder.client, "c")).toMatchObject({ id: "c" });
    follower.stop();
    await settle();
    expect(latest().url).toBe("/api/events?after=8");
  });

  it("lets a tab in the background wait to take the stream until it is on screen", async () => {
    const { holderChannel } = await twoTabs();
    holderChannel!.silenced = true;
    browser.document.hidden = true;
    await wait(5 * 60_000);
    expect(streams()).toHaveLength(1);
    browser.document.hidden = false;
    await wait(90_000);
    expect(streams()).toHaveLength(2);
  });

  it("sends every tab to sign in when the holder's stream says the session was signed out", async () => {
    await twoTabs();
    latest().send("signed-out");
    await settle();
    expect(browser.location.assign).toHaveBeenCalledTimes(2);
  });
});
