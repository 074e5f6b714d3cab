import type { HistoryItem } from "../generation/view";
import type { Change, GenerationStore, ShareEntry } from "../store/types";
import { clientGeneration, clientItem } from "../history/client-view";
import { pollSummary, type PollSummary } from "../polls/poll-summary";
import { SSE_HEARTBEAT, sseFrame, type LiveChange, type LiveHello } from "./sse";

type Send = (frame: Uint8Array) => void;

type Subscriber = {
  send: Send;
  /** The last change this stream has been sent (or told it need not be). */
  cursor: number;
  /** While it catches up, what the feed delivers waits here, so nothing overtakes the catch-up. */
  pending: Array<{ id: number; frame: Uint8Array }> | null;
};

export type Feed = {
  /**
   * Starts a stream after `cursor` (a Last-Event-ID), or from now when null or no longer resumable; `send`
   * gets its frames. Answers the way to stop it.
   */
  subscribe(cursor: number | null, send: Send): Promise<() => void>;
  /** Looks for new changes now (a NOTIFY from another instance, a commit here). Cheap to call often. */
  wake(): void;
  readonly streams: number;
  close(): void;
};

type FeedOptions<Usage> = {
  store: Pick<GenerationStore, "changesAfter" | "changeBounds" | "watchChanges" | "get" | "getComparison" | "getPoll" | "pollCounts">;
  /** The day's usage as the page shows it; read once per batch, whatever the number of streams. */
  usage: () => Promise<Usage>;
  heartbeatMs?: number;
  /** How often it looks without being woken, in case a wake-up was lost (a dropped LISTEN connection). */
  sweepMs?: number;
  /** A stream further behind than this starts afresh rather than replaying. */
  catchUpLimit?: number;
  /** How long a catch-up made for one stream serves others that start from the same place. */
  catchUpReuseMs?: number;
};

/** Changes read from the log at a time. */
const BATCH = 500;
/** Catch-ups kept at once: streams resuming together mostly share a few starting places. */
const MAX_CATCH_UPS = 64;

type CatchUp = { readonly frames: readonly Uint8Array[]; readonly cursor: number };

/**
 * One per instance: reads each batch of committed changes once, renders it once (the items as they now are,
 * the day's usage) and writes the same bytes to every open stream, so a thousand tabs cost a thousand writes
 * and no more reads. A stream that resumes catches up from the log first, with live changes held back
 * until it has.
 */
export const createFeed = <Usage>({ store, usage, heartbeatMs = 15_000, sweepMs = 5_000, catchUpLimit = 1_000, catchUpReuseMs = 2_000 }: FeedOptions<Usage>): Feed => {
  const subscribers = new Set<Subscriber>();
  let cursor = 0;
  let started: Promise<void> | null = null;
  /**
   * Where the log ends, read on first use. A read that failed (PostgreSQL briefly away) is tried again by the
   * next use rather than kept: the feed lives as long as the process.
   */
  const ready = () =>
    (started ??= store.changeBounds().then(
      (bounds) => {
        cursor = bounds.last;
      },
      (error: unknown) => {
        started = null;
        throw error;
      },
    ));
  const catchUps = new Map<string, Promise<CatchUp>>();
  let draining = false;
  let again = false;
  const timers: ReturnType<typeof setInterval>[] = [];

  const render = async (changes: readonly Change[]): Promise<LiveChange<Usage>> => {
    // The last change of each item says what it is now; earlier ones in the batch are covered by it.
    const last = new Map<string, Extract<Change, { item: ShareEntry }>>();
    const polls = new Set<string>();
    for (const change of changes) {
      if (change.kind === "poll") polls.add(change.poll);
      if (change.kind === "usage" || change.kind === "poll") continue;
      const key = `${change.item.kind}:${change.item.id}`;
      last.delete(key);
      last.set(key, change);
    }
    const read = await Promise.all(
      [...last.values()].map(async (change) => {
        if (change.kind === "deleted") return change.item;
        const view: HistoryItem | null = change.item.kind === "generation" ? await store.get(change.item.id) : await store.getComparison(change.item.id);
        if (!view) return change.item;
        return view.kind === "generation" ? await clientGeneration(store, view) : clientItem(view);
      }),
    );
    // A view has its kind's fields; an entry that is gone has only kind and id.
    const isView = (entry: HistoryItem | ShareEntry): entry is HistoryItem => "createdAt" in entry;
    // A poll deleted since is left out: its owner's page deleted it, or finds it gone at its next read.
    const summaries = (await Promise.all([...polls].map(async (id) => {
      const poll = await store.getPoll(id);
      return poll ? pollSummary(poll, await store.pollCounts(id)) : null;
    }))).filter((summary): summary is PollSummary => summary !== null);
    return {
      items: read.filter(isView),
      deleted: read.filter((entry) => !isView(entry)),
      // Any change to the history may have moved today's count or what runs now; a vote or a close cannot.
      usage: changes.every((change) => change.kind === "poll") ? null : await usage(),
      polls: summaries,
    };
  };

  const deliver = (subscriber: Subscriber, id: number, frame: Uint8Array) => {
    if (subscriber.pending) {
      subscriber.pending.push({ id, frame });
      return;
    }
    if (id <= subscriber.cursor) return;
    subscriber.cursor = id;
    write(subscriber, frame);
  };

  const write = (subscriber: Subscriber, frame: Uint8Array) => {
    try {
      subscriber.send(frame);
    } catch {
      // Its connection is gone; the route's own clean-up may not have run yet.
      subscribers.delete(subscriber);
    }
  };

  const drain = async () => {
    await ready();
    for (;;) {
      const batch = await store.changesAfter(cursor, BATCH);
      const lastChange = batch.at(-1);
      if (!lastChange) return;
      if (subscribers.size > 0) {
        const frame = sseFrame("change", lastChange.id, await render(batch));
        for (const subscriber of subscribers) deliver(subscriber, lastChange.id, frame);
      }
      cursor = lastChange.id;
    }
  };

  const wake = () => {
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    void (async () => {
      try {
        do {
          again = false;
          await drain();
        } while (again);
      } catch (error) {
        console.error(`the live stream could not read the history's changes: ${String(error)}`);
      } finally {
        draining = false;
      }
    })();
  };

  const stopWatching = store.watchChanges(wake);

  const startTimers = () => {
    if (timers.length > 0) return;
    timers.push(
      setInterval(() => {
        for (const subscriber of subscribers) if (!subscriber.pending) write(subscriber, SSE_HEARTBEAT);
      }, heartbeatMs),
      setInterval(() => {
        if (subscribers.size > 0) wake();
      }, sweepMs),
    );
    for (const timer of timers) timer.unref?.();
  };

  /** Changes after `from` up to `to`, or null when there are more than a catch-up replays. */
  const missed = async (from: number, to: number): Promise<Change[] | null> => {
    const changes = (await store.changesAfter(from, catchUpLimit + 1)).filter((change) => change.id <= to);
    return changes.length > catchUpLimit ? null : changes;
  };

  /** What a stream starting after `after` is sent before the live changes: its hello, then what it missed. */
  const makeCatchUp = async (after: number | null, upTo: number): Promise<CatchUp> => {
    const caughtUp = after === null ? null : await missed(after, upTo);
    // Bounds read after the catch-up: a prune between the two then shows, rather than a gap in what was read.
    const bounds = await store.changeBounds();
    // Resumable when nothing it missed has been forgotten and the cursor is one this log gave out.
    const resumable = after !== null && after <= bounds.last && (bounds.first === 0 || after >= bounds.first - 1);
    const changes = resumable ? caughtUp : null;
    if (changes === null) return { frames: [sseFrame("hello", upTo, { resumed: false } satisfies LiveHello)], cursor: upTo };
    const lastChange = changes.at(-1);
    return {
      frames: [sseFrame("hello", after ?? upTo, { resumed: true } satisfies LiveHello), ...(lastChange ? [sseFrame("change", lastChange.id, await render(changes))] : [])],
      cursor: Math.max(after ?? 0, upTo),
    };
  };

  /**
   * Streams that start from the same place within moments of each other get the same catch-up, read and
   * rendered once: after a restart every tab reconnects at once, most from the same last change. It is kept
   * only that long, as it carries the day's usage, which time changes too (a linger ends, a day begins); a
   * failed one is not kept at all.
   */
  const catchUp = (after: number | null, upTo: number): Promise<CatchUp> => {
    const key = `${after}:${upTo}`;
    const known = catchUps.get(key);
    if (known) return known;
    if (catchUps.size >= MAX_CATCH_UPS) catchUps.clear();
    const made = makeCatchUp(after, upTo);
    catchUps.set(key, made);
    const forget = () => {
      if (catchUps.get(key) === made) catchUps.delete(key);
    };
    made.then(() => setTimeout(forget, catchUpReuseMs).unref?.(), forget);
    return made;
  };

  return {
    async subscribe(after, send) {
      await ready();
      startTimers();
      const subscriber: Subscriber = { send, cursor, pending: [] };
      subscribers.add(subscriber);
      const unsubscribe = () => {
        subscribers.delete(subscriber);
      };
      try {
        const { frames, cursor: caughtUpTo } = await catchUp(after, cursor);
        for (const frame of frames) write(subscriber, frame);
        subscriber.cursor = caughtUpTo;
      } catch (error) {
        // The route never gets its `stop`: the subscriber goes here, or it would linger until a write failed.
        unsubscribe();
        throw error;
      } finally {
        const held = subscriber.pending ?? [];
        subscriber.pending = null;
        for (const { id, frame } of held) deliver(subscriber, id, frame);
      }
      return unsubscribe;
    },
    wake,
    get streams() {
      return subscribers.size;
    },
    close() {
      stopWatching();
      for (const timer of timers) clearInterval(timer);
      subscribers.clear();
    },
  };
};
