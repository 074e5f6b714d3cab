import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useSyncExternalStore } from "react";
import { signInPath } from "../access/next-path";
import { signingOut } from "../access/sign-out";
import type { LiveChange, LiveHello } from "../events/sse";
import type { HistoryItem, ListedPage } from "../generation/view";
import { apiFetch } from "./client";
import { generationKeys } from "./generations";
import type { Usage } from "./limits";
import { applyLiveChange, forgetHeard, readListsAfresh } from "./live-cache";
import { readPollsAfresh } from "./poll-cache";

/**
 * Whether this tab's live stream is open. While it is, nothing polls: the stream brings every change; while
 * it is not (blocked by a proxy, never opened, reconnecting), cards that run ask every second as before.
 */
let live = false;
const watchers = new Set<() => void>();
const setLive = (value: boolean) => {
  if (live === value) return;
  live = value;
  for (const watcher of watchers) watcher();
};
export const isLive = () => live;
export const useLive = () =>
  useSyncExternalStore(
    (watcher) => {
      watchers.add(watcher);
      return () => watchers.delete(watcher);
    },
    () => live,
    () => false,
  );

/** A stream that cannot be opened at all is tried again this much later (polling meanwhile), then less often. */
const REOPEN_MS = 5_000;
const REOPEN_MAX_MS = 60_000;
/** Without the stream, the lists are read again this often: another tab's or a colleague's new work shows. */
export const LIST_CHECK_MS = 10_000;

/** How long the question whether a refused stream's session is gone may go unanswered (taken as "not gone"). */
export const SIGNED_OUT_CHECK_MS = 10_000;
/**
 * Whether a refused stream was refused for want of a session (the password changed, the session ran out
 * while the laptop slept): EventSource does not say why, so a plain request asks.
 */
const signedOutNow = async (): Promise<boolean> => {
  // Bounded: the stream is tried again only once this is answered, and a server that never answers would
  // leave the tab without a stream for good.
  const question = new AbortController();
  const timer = setTimeout(() => question.abort(), SIGNED_OUT_CHECK_MS);
  try {
    return (await fetch("/api/limits", { cache: "no-store", signal: question.signal })).status === 401;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
};
/** The server pings every 15 s: a stream silent for this long is dead, whatever the connection says. */
const SILENT_MS = 40_000;
/** How often the tab holding the stream tells the others it is still there. */
const HOLDING_MS = 15_000;
/**
 * A holder silent this long is taken to be gone (hung, or frozen). Longer than a minute: Chrome lets the timers
 * of a tab hidden for five minutes run about once a minute, and such a holder is still there.
 */
const HOLDER_SILENT_MS = 90_000;

/**
 * Calls `silent` once nothing has been heard for `ms`; `heard` starts the wait again. The tab holding the
 * stream and the tabs it relays to each keep one: a stream, or a holder, can go quiet without a word (a
 * connection dropped halfway, a holder tab frozen or hung).
 */
const silenceWatch = (ms: number, silent: () => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    heard() {
      clearTimeout(timer);
      timer = setTimeout(silent, ms);
    },
    stop: () => clearTimeout(timer),
  };
};

/**
 * What the tab shows may have missed changes before the stream's change `from`: the lists read before it,
 * today's usage and the polls' counts are read again, once.
 */
const readAfresh = (client: QueryClient, from: number) => {
  forgetHeard(client);
  return Promise.all([readListsAfresh(client, from), client.invalidateQueries({ queryKey: ["usage"] }), readPollsAfresh(client)]);
};

/** What one stream brings, as a tab applies it: whether it is open, its greeting, and each change. */
type StreamHandlers = {
  live(value: boolean): void;
  hello(id: string, hello: LiveHello): void;
  change(id: string, change: LiveChange<Usage>): void;
  /** The session was signed out (in another tab, say) or ran out: the stream is not opened again. */
  signedOut(): void;
};

/**
 * Opens the history's live stream. The browser reconnects a dropped stream by itself, sending the last id it
 * saw, and the server replays what it missed; a stream opened again here starts from `lastId()`.
 */
const openStream = (on: StreamHandlers, lastId: () => string): (() => void) => {
  let source: EventSource | null = null;
  let reopen: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  /** Refusals in a row: each waits twice as long as the last, up to a minute. */
  let refusals = 0;
  const watchdog = silenceWatch(SILENT_MS, () => {
    on.live(false);
    open();
  });
  const heard = watchdog.heard;
  const open = () => {
    clearTimeout(reopen);
    source?.close();
    heard();
    const after = lastId();
    const current = new EventSource(after ? `/api/events?after=${encodeURIComponent(after)}` : "/api/events");
    source = current;
    current.addEventListener("ping", heard);
    current.addEventListener("hello", (event) => {
      heard();
      refusals = 0;
      on.live(true);
      on.hello((event as MessageEvent<string>).lastEventId, JSON.parse((event as MessageEvent<string>).data) as LiveHello);
    });
    current.addEventListener("change", (event) => {
      heard();
      on.change((event as MessageEvent<string>).lastEventId, JSON.parse((event as MessageEvent<string>).data) as LiveChange<Usage>);
    });
    current.addEventListener("signed-out", () => {
      watchdog.stop();
      current.close();
      on.live(false);
      on.signedOut();
    });
    current.addEventListener("error", () => {
      on.live(false);
      // Refused (signed out, an error answer, a connection the browser will not retry): it gives up, so this
      // tab goes to sign in if that is why, or tries again later, from where it was.
      if (current.readyState !== EventSource.CLOSED) return;
      current.close();
      watchdog.stop();
      void signedOutNow().then((signedOut) => {
        if (stopped || source !== current) return;
        if (signedOut) {
          on.signedOut();
          return;
        }
        reopen = setTimeout(open, Math.min(REOPEN_MAX_MS, REOPEN_MS * 2 ** refusals++));
      });
    });
  };
  // Open only once it says hello: a tab taking the stream over (its holder closed, or hung) no longer goes by
  // the last holder's word, and neither do the tabs it relays to; they poll until then.
  on.live(false);
  open();
  return () => {
    stopped = true;
    clearTimeout(reopen);
    watchdog.stop();
    source?.close();
  };
};

/** What the tab holding the stream tells the others (and a newcomer's question for the current state). */
type Relay =
  | { readonly kind: "live"; readonly live: boolean }
  | { readonly kind: "hello"; readonly id: string; readonly hello: LiveHello }
  | { readonly kind: "change"; readonly id: string; readonly change: LiveChange<Usage> }
  /** The holder's heartbeat: its page is alive (whether or not its stream is open). */
  | { readonly kind: "holding" }
  | { readonly kind: "signed-out" }
  | { readonly kind: "ask" };

const SHARED = "onetoken-playground-live";

/**
 * Keeps this tab's query cache in step with the history's live stream. Tabs of one browser share one stream:
 * the tab holding a Web Lock opens it and relays every message to the others over a BroadcastChannel, and
 * when that tab closes the lock passes to another, which opens the stream again from the last id it heard. A
 * holder silent for 90 s (hung, or frozen) has the stream taken from it by the first tab on screen to notice.
 * Browsers allow about six HTTP/1.1 connections per site, so a stream per tab would starve the seventh.
 * Where the browser has neither (an insecure origin has no Web Locks), each tab opens its own.
 */
export const useLiveHistory = () => {
  const client = useQueryClient();
  useEffect(() => startLiveHistory(client), [client]);
};

/** What `useLiveHistory` does for one mount of the page, apart from React: answers the way to stop it. */
export const startLiveHistory = (client: QueryClient): (() => void) => {
  // The cards that run are asked again by their own queries; a new item only a list read brings. One item
  // is asked for, for the change log's newest id: the lists (every page loaded) are read again only when
  // something changed since the last look.
  let lookedAt: number | null = null;
  const fallback = setInterval(() => {
    if (live || document.hidden) return;
    apiFetch<ListedPage>("/api/generations?limit=1").then(({ changeId }) => {
      if (changeId !== lookedAt) void client.refetchQueries({ queryKey: generationKeys.lists, type: "active" }, { cancelRefetch: false });
      lookedAt = changeId;
    }, () => undefined);
  }, LIST_CHECK_MS);
  const stopFallback = () => clearInterval(fallback);
  if (typeof EventSource === "undefined") return stopFallback;
  let lastId = "";
  const apply: StreamHandlers = {
    live: setLive,
    hello(id, hello) {
      lastId = id;
      if (!hello.resumed) void readAfresh(client, Number(id));
    },
    change(id, change) {
      // One older than what was applied (passed on by a tab the stream was just taken from) is left out,
      // and the stream is not reopened from behind it.
      if (!applyLiveChange(client, change, Number(id))) return;
      lastId = id;
      warmThumbnails(change.items);
    },
    // The history stays on screen no longer than its session: to sign in, and back here after (a tab signing
    // out goes there itself, once it has told the others).
    signedOut: () => {
      if (!signingOut()) window.location.assign(signInPath(`${window.location.pathname}${window.location.search}`));
    },
  };
  if (typeof BroadcastChannel === "undefined" || !navigator.locks) {
    const stop = openStream(apply, () => lastId);
    return () => {
      stop();
      stopFallback();
      setLive(false);
    };
  }
  const channel = new BroadcastChannel(SHARED);
  const relay = (message: Relay) => channel.postMessage(message);
  let leading = false;
  const closed = new AbortController();
  /** This tab's request while it waits in line for the stream, to be given up when it takes the stream instead. */
  let place: AbortController | null = null;
  /**
   * A holder that goes quiet (its page hung, or frozen in the background) would leave every other tab without
   * the history's changes for as long as it lasts: the first tab on screen to notice takes the stream from it,
   * from the last change it heard. A tab in the background waits until it is on screen.
   */
  const holderQuiet = silenceWatch(HOLDER_SILENT_MS, () => {
    if (document.hidden) holderQuiet.heard();
    else hold(true);
  });
  channel.onmessage = ({ data }: MessageEvent<Relay>) => {
    if (data.kind === "ask") {
      if (leading) relay({ kind: "live", live: isLive() });
      return;
    }
    // A holder the stream was taken from may still speak before it learns so: this tab has its own.
    if (leading) return;
    holderQuiet.heard();
    if (data.kind === "live") apply.live(data.live);
    else if (data.kind === "hello") apply.hello(data.id, data.hello);
    else if (data.kind === "change") apply.change(data.id, data.change);
    else if (data.kind === "signed-out") apply.signedOut();
  };
  const hold = (steal: boolean) => {
    place?.abort();
    const mine = new AbortController();
    place = steal ? null : mine;
    navigator.locks
      .request(SHARED, steal ? { steal: true } : { signal: mine.signal }, async () => {
        // Granted just as this tab went, or as it took the stream by another request: an abort does not
        // undo a grant, so this one lets the lock go at once.
        if (closed.signal.aborted || mine.signal.aborted) return;
        if (place === mine) place = null;
        leading = true;
        holderQuiet.stop();
        const stop = openStream(
          {
            live(value) {
              apply.live(value);
              relay({ kind: "live", live: value });
            },
            hello(id, hello) {
              apply.hello(id, hello);
              relay({ kind: "hello", id, hello });
            },
            change(id, change) {
              apply.change(id, change);
              relay({ kind: "change", id, change });
            },
            signedOut() {
              relay({ kind: "signed-out" });
              apply.signedOut();
            },
          },
          () => lastId,
        );
        const beat = setInterval(() => relay({ kind: "holding" }), HOLDING_MS);
        // Held until this tab goes (the next tab in line then opens the stream), or another takes it.
        await new Promise<void>((resolve) => {
          closed.signal.addEventListener("abort", () => resolve(), { once: true });
          mine.signal.addEventListener("abort", () => resolve(), { once: true });
        });
        clearInterval(beat);
        stop();
        leading = false;
        if (closed.signal.aborted) return;
        // Taken from this tab: what its own stream said no longer holds; the new holder answers the question.
        apply.live(false);
        holderQuiet.heard();
        relay({ kind: "ask" });
      })
      .catch((error: unknown) => {
        // Given up while waiting in line (this tab going, or taking the stream instead): nothing was held.
        if (closed.signal.aborted || mine.signal.aborted) return;
        // Anything but a steal (no locks here after all): this tab stays a follower, polling when it must.
        if (!(error instanceof DOMException && error.name === "AbortError")) return;
        // Taken from this tab by one that found it quiet: it closes its stream and waits in line again.
        mine.abort();
        hold(false);
      });
  };
  holderQuiet.heard();
  hold(false);
  // A tab that joins while another leads learns whether the stream is open, rather than poll until it hears.
  relay({ kind: "ask" });
  return () => {
    closed.abort();
    place?.abort();
    holderQuiet.stop();
    stopFallback();
    channel.close();
    setLive(false);
  };
};

const warmed = new Set<string>();
/**
 * A result's thumbnails start downloading and decoding the moment the stream says they exist, while React is
 * still putting the card on the page; the card's own image then finds them in the browser's cache.
 */
const warmThumbnails = (items: readonly HistoryItem[]) => {
  const generations = items.flatMap((item) => (item.kind === "generation" ? [item] : item.columns.map((column) => column.generation)));
  for (const { images } of generations) {
    for (const { thumbSrc } of images) {
      if (warmed.has(thumbSrc)) continue;
      // Only the newest matter; an old entry may be warmed again (from the cache) at no cost.
      if (warmed.size > 200) warmed.clear();
      warmed.add(thumbSrc);
      const image = new Image();
      image.src = thumbSrc;
      image.decode().catch(() => undefined);
    }
  }
};
