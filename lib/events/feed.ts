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
/** Tries at rendering one batch before it is let go (a row that cannot be read, every time). */
const RENDER_TRIES = 3;

type CatchUp = { readonly frames: readonly Uint8Array[]; readonly cursor: number };

/**
 * One per instance: reads each batch of committed changes once, renders it once (the items as they now are,
 * the day's usage) and writes the same bytes to every open stream, so a thousand tabs cost a thousand writes
 * and no more reads. A stream that resumes catches up from the log first. Catch-ups and batches take turns,
 * each read, rendered and delivered before the next starts, so no stream is sent a frame read before one it
 * already has (a batch read while a stream caught up would otherwise undo, for a moment, what its catch-up
 * showed: a finished card running again, a deleted one back).
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
  /** Times in a row the batch after `cursor` failed to render. */
  let failures = 0;
  let failedAt = Number.NEGATIVE_INFINITY;
  /** The last read to take its turn (see above); the next waits for it to end, however it ends. */
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = turn.then(work);
    turn = run.catch(() => undefined);
    return run;
  };
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

  /** A hello that is not resumed: pages read afresh what they show, from `id` on. */
  const afresh = (id: number) => sseFrame("hello", id, { resumed: false } satisfies LiveHello);

  const deliver = (subscriber: Subscriber, id: number, frame: Uint8Array) => {
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

  /**
   * A batch's frame. One that fails to render again and again (a corrupt row) is let go, with its streams
   * told to read afresh: held, it would withhold every later change from every stream, while their
   * heartbeats kept the pages sure they are live.
   */
  const frameOf = async (batch: readonly Change[], id: number): Promise<Uint8Array> => {
    try {
      return sseFrame("change", id, await render(batch));
    } catch (error) {
      // Tries counted a sweep apart: a passing fault (a pool's timeout) met by a burst of wakes is one try, not
      // a reason to send every page to read the history afresh while the database is struggling.
      const now = Date.now();
      if (now - failedAt >= sweepMs) {
        failures += 1;
        failedAt = now;
      }
      if (failures < RENDER_TRIES) throw error;
      console.error(`the live stream let go of changes ${batch[0]?.id ?? id} to ${id}, which failed to render ${RENDER_TRIES} times (its streams read afresh): ${String(error)}`);
      return afresh(id);
    }
  };

  /** Reads, renders and delivers the next batch; answers whether there was one. */
  const nextBatch = async (): Promise<boolean> => {
    const batch = await store.changesAfter(cursor, BATCH);
    const lastChange = batch.at(-1);
    if (!lastChange) return false;
    if (subscribers.size > 0) {
      const frame = await frameOf(batch, lastChange.id);
      for (const subscriber of subscribers) deliver(subscriber, lastChange.id, frame);
    }
    cursor = lastChange.id;
    failures = 0;
    return true;
  };

  const drain = async () => {
    await ready();
    while (await inTurn(nextBatch));
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
        for (const subscriber of subscribers) write(subscriber, SSE_HEARTBEAT);
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
    const fresh = { frames: [afresh(upTo)], cursor: upTo };
    if (changes === null) return fresh;
    const lastChange = changes.at(-1);
    const hello = sseFrame("hello", after ?? upTo, { resumed: true } satisfies LiveHello);
    const resumed = { frames: [hello], cursor: Math.max(after ?? 0, upTo) };
    if (!lastChange) return resumed;
    try {
      return { ...resumed, frames: [hello, sseFrame("change", lastChange.id, await render(changes))] };
    } catch (error) {
      // A catch-up that fails to render would fail each time the stream came back, for as long as the log keeps it.
      console.error(`the live stream could not render changes ${after ?? upTo} to ${lastChange.id} for a stream coming back (it reads afresh): ${String(error)}`);
      return fresh;
    }
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
      // In its turn: no batch is read or delivered while it catches up, so the next it gets is read after.
      return inTurn(async () => {
        const { frames, cursor: caughtUpTo } = await catchUp(after, cursor);
        const subscriber: Subscriber = { send, cursor: caughtUpTo };
        subscribers.add(subscriber);
        for (const frame of frames) write(subscriber, frame);
        return () => {
          subscribers.delete(subscriber);
        };
      });
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
