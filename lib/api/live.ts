import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useSyncExternalStore } from "react";
import type { LiveChange, LiveHello } from "../events/sse";
import type { HistoryItem } from "../generation/view";
import { generationKeys } from "./generations";
import type { Usage } from "./limits";
import { applyLiveChange } from "./live-cache";

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

/** A stream that cannot be opened at all is tried again this much later (polling meanwhile). */
const REOPEN_MS = 5_000;
/** The server pings every 15 s: a stream silent for this long is dead, whatever the connection says. */
const SILENT_MS = 40_000;

/** What the tab shows may have missed changes: the lists and today's usage are read again, once. */
const readAfresh = (client: QueryClient) =>
  Promise.all([client.invalidateQueries({ queryKey: generationKeys.lists }), client.invalidateQueries({ queryKey: ["usage"] })]);

/**
 * Opens the history's live stream for this tab and applies what it brings to the query cache. The browser
 * reconnects a dropped stream by itself, sending the last id it saw, and the server replays what it missed.
 */
export const useLiveHistory = () => {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    // The browser resends the last id itself when it reconnects; a stream this tab opens again carries it in the URL.
    let lastId = "";
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const heard = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        setLive(false);
        open();
      }, SILENT_MS);
    };
    const open = () => {
      clearTimeout(reopen);
      source?.close();
      heard();
      const current = new EventSource(lastId ? `/api/events?after=${encodeURIComponent(lastId)}` : "/api/events");
      source = current;
      current.addEventListener("ping", heard);
      current.addEventListener("hello", (event) => {
        heard();
        setLive(true);
        lastId = (event as MessageEvent<string>).lastEventId;
        const hello = JSON.parse((event as MessageEvent<string>).data) as LiveHello;
        if (!hello.resumed) void readAfresh(client);
      });
      current.addEventListener("change", (event) => {
        heard();
        lastId = (event as MessageEvent<string>).lastEventId;
        const change = JSON.parse((event as MessageEvent<string>).data) as LiveChange<Usage>;
        warmThumbnails(change.items);
        applyLiveChange(client, change, Number(lastId));
      });
      current.addEventListener("error", () => {
        setLive(false);
        // Refused (signed out, an error answer, a connection the browser will not retry): it gives up, so this
        // tab tries again later, from where it was.
        if (current.readyState === EventSource.CLOSED) {
          current.close();
          reopen = setTimeout(open, REOPEN_MS);
        }
      });
    };
    open();
    return () => {
      clearTimeout(reopen);
      clearTimeout(watchdog);
      source?.close();
      setLive(false);
    };
  }, [client]);
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
