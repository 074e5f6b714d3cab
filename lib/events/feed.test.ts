import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultRequest } from "../models/defaults";
import type { GenerationStore } from "../store/types";
import { freshStoreEachTest, STORE_BACKENDS } from "@/test/store-backends";
import { createFeed, type Feed } from "./feed";
import { parseCursor } from "./sse";

/** A stream's frames as the browser's EventSource would read them. */
type Frame = { id: number | null; event: string | null; data: unknown };
const decoder = new TextDecoder();
const parse = (bytes: Uint8Array): Frame => {
  const text = decoder.decode(bytes);
  const field = (name: string) => text.match(new RegExp(`^${name}: (.*)$`, "m"))?.[1] ?? null;
  const data = field("data");
  const id = field("id");
  return { id: id === null ? null : Number(id), event: field("event"), data: data === null ? null : JSON.parse(data) };
};

const until = async (check: () => boolean) => {
  for (let tries = 0; !check(); tries++) {
    if (tries > 200) throw new Error("never happened");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe.each(STORE_BACKENDS)("the live feed on $name", (backend) => {
  const store = freshStoreEachTest(backend);
  let feed: Feed | null = null;
  afterEach(() => feed?.close());

  /** `log` stands in for the store's reading of the change log or of a generation, to fail, hold or race it. */
  const open = (options: { heartbeatMs?: number; sweepMs?: number; catchUpLimit?: number; catchUpReuseMs?: number } = {}, log: Partial<Pick<GenerationStore, "changesAfter" | "changeBounds" | "get">> = {}) => {
    const usage = vi.fn(async () => ({ imagesToday: 0 }));
    const reads = { count: 0 };
    const { get = (id: string) => store.get(id), ...rest } = log;
    const counted = {
      changesAfter: (cursor: number, limit: number) => store.changesAfter(cursor, limit),
      changeBounds: () => store.changeBounds(),
      ...rest,
      watchChanges: (listener: () => void) => store.watchChanges(listener),
      get: (id: string) => {
        reads.count++;
        return get(id);
      },
      getComparison: (id: string) => {
        reads.count++;
        return store.getComparison(id);
      },
      getPoll: (id: string) => store.getPoll(id),
      pollCounts: (pollId: string) => store.pollCounts(pollId),
    };
    feed = createFeed({ store: counted, usage, ...options });
    return { feed, usage, reads };
  };
  const listen = async (live: Feed, cursor: number | null = null) => {
    const frames: Frame[] = [];
    const stop = await live.subscribe(cursor, (bytes) => frames.push(parse(bytes)));
    return { frames, stop, changes: () => frames.filter((frame) => frame.event === "change") };
  };
  const create = (id: string) => store.create({ id, createdAt: Date.now(), request: { ...defaultRequest("wan2.6-t2i"), prompt: `prompt ${id}` } });

  it("says hello, then pushes a change with the item as it now is and the day's usage", async () => {
    const { feed: live } = open();
    const stream = await listen(live);
    expect(stream.frames[0]).toMatchObject({ event: "hello", data: { resumed: false } });
    await create("g1");
    await until(() => stream.changes().length === 1);
    const [change] = stream.changes();
    expect(change?.data).toMatchObject({ items: [{ kind: "generation", id: "g1", status: "running", request: { prompt: "prompt g1" } }], deleted: [], usage: { imagesToday: 0 } });
    await store.delete("g1", Date.now());
    await until(() => stream.changes().length === 2);
    expect(stream.changes()[1]?.data).toMatchObject({ items: [], deleted: [{ kind: "generation", id: "g1" }] });
  });

  it("pushes a poll's counts when it is voted on or closed, as its owner sees them, without reading the day's usage", async () => {
    await store.create({ id: "g1", createdAt: 1, request: { ...defaultRequest("wan2.6-t2i"), prompt: "A lighthouse" } });
    await store.complete("g1", { finishedAt: 2, durationMs: 1, billedImages: 1, images: [{ id: "i1", position: 0, width: 64, height: 64, mime: "image/png", bytes: 10, revisedPrompt: "" }] });
    const candidates = [{ generationId: "g1", imageId: "i1", model: "wan2.6-t2i" }];
    await store.createPoll({ id: "p1", token: "t1", createdAt: 3, title: "Which?", reveal: "on_close", access: "link", closedAt: null, items: [{ prompt: "A lighthouse", candidates }], leftOut: [] });
    const { feed: live, usage } = open();
    const stream = await listen(live);
    await store.castVote({ pollId: "p1", item: 0, voter: "v1", choice: { kind: "tie" }, createdAt: 4 });
    await until(() => stream.changes().length === 1);
    expect(stream.changes()[0]?.data).toEqual({ items: [], deleted: [], usage: null, polls: [expect.objectContaining({ id: "p1", path: "/vote/t1", votes: 1, voters: 1, closedAt: null })] });
    await store.closePoll("p1", 5);
    await until(() => stream.changes().length === 2);
    expect(stream.changes()[1]?.data).toMatchObject({ polls: [{ id: "p1", votes: 1, closedAt: 5 }] });
    expect(usage).not.toHaveBeenCalled();
  });

  it("reads and renders each batch once, whatever the number of streams", async () => {
    const { feed: live, usage, reads } = open();
    const streams = await Promise.all(Array.from({ length: 50 }, () => listen(live)));
    await create("g2");
    await until(() => streams.every((stream) => stream.changes().length === 1));
    expect(reads.count).toBe(1);
    expect(usage).toHaveBeenCalledTimes(1);
    expect(live.streams).toBe(50);
    for (const stream of streams) stream.stop();
    expect(live.streams).toBe(0);
  });

  it("a stream that resumes from its last id gets what it missed once, then what follows", async () => {
    const { feed: live } = open();
    const first = await listen(live);
    await create("before");
    await until(() => first.changes().length === 1);
    const lastId = first.changes()[0]?.id ?? null;
    first.stop();
    await create("missed");
    await store.setStarred("missed", true);
    const resumed = await listen(live, lastId);
    expect(resumed.frames[0]).toMatchObject({ event: "hello", data: { resumed: true } });
    await until(() => resumed.changes().length >= 1);
    expect(resumed.changes()[0]?.data).toMatchObject({ items: [{ id: "missed", starred: true }] });
    await create("after");
    await until(() => resumed.changes().some((frame) => JSON.stringify(frame.data).includes('"after"')));
    const ids = resumed.changes().flatMap((frame) => (frame.data as { items: Array<{ id: string }> }).items.map((item) => item.id));
    expect(ids).toEqual(["missed", "after"]);
  });

  it("streams that resume together from the same change share one catch-up, made for them alone", async () => {
    const catchUpReads: number[] = [];
    let from: number | null = null;
    const { feed: live, reads } = open({ catchUpReuseMs: 50 }, {
      changesAfter: (cursor, limit) => {
        if (cursor === from) catchUpReads.push(cursor);
        return store.changesAfter(cursor, limit);
      },
    });
    const watcher = await listen(live);
    await create("before");
    await until(() => watcher.changes().length === 1);
    from = watcher.changes()[0]?.id ?? null;
    await create("missed");
    await until(() => watcher.changes().length === 2);
    // The feed's own read of the log started there too.
    catchUpReads.length = 0;
    const readsBefore = reads.count;

    // A restart's worth of tabs, all back from the same last change at once.
    const resumed = await Promise.all(Array.from({ length: 50 }, () => listen(live, from)));
    for (const stream of resumed) {
      expect(stream.frames[0]).toMatchObject({ event: "hello", data: { resumed: true } });
      expect(stream.changes().map((frame) => (frame.data as { items: Array<{ id: string }> }).items.map((item) => item.id))).toEqual([["missed"]]);
    }
    expect(catchUpReads).toHaveLength(1);
    expect(reads.count - readsBefore).toBe(1);

    // A moment later, a tab back from the same place reads afresh, even with nothing new in the log: the
    // catch-up carries today's usage, which time alone changes.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await listen(live, from);
    expect(again.changes()).toHaveLength(1);
    expect(catchUpReads).toHaveLength(2);

    // So does one back after something else happened, with that too.
    await create("later");
    await until(() => watcher.changes().length === 3);
    const late = await listen(live, from);
    expect(late.changes().flatMap((frame) => (frame.data as { items: Array<{ id: string }> }).items.map((item) => item.id)).sort()).toEqual(["later", "missed"]);
    expect(catchUpReads).toHaveLength(3);
    for (const stream of [watcher, again, late, ...resumed]) stream.stop();
  });

  it("a stream that resumes while a batch is being read never gets that batch after the newer catch-up", async () => {
    // The feed's read of x for its next batch, held once x is read as running, until `release`.
    let hold: { entered: () => void; release: Promise<void> } | null = null;
    const { feed: live } = open({}, {
      get: async (id) => {
        const view = await store.get(id);
        const held = hold;
        hold = null;
        if (held) {
          held.entered();
          await held.release;
        }
        return view;
      },
    });
    const watcher = await listen(live);
    await create("x");
    await until(() => watcher.changes().length === 1);
    const from = watcher.changes()[0]?.id ?? null;
    await store.setStarred("x", true);
    await until(() => watcher.changes().length === 2);

    let release = () => {};
    const entered = new Promise<void>((resolve) => {
      hold = { entered: resolve, release: new Promise((done) => (release = done)) };
    });
    await store.setStarred("x", false);
    await entered;
    await store.complete("x", { finishedAt: Date.now(), durationMs: 1, images: [] });
    // Back from before the star: its catch-up reads x as it now is, finished.
    const resuming = listen(live, from);
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const resumed = await resuming;
    const last = (await store.changeBounds()).last;
    await until(() => resumed.changes().at(-1)?.id === last);
    const statuses = resumed.changes().flatMap((frame) => (frame.data as { items: Array<{ status: string }> }).items.map((item) => item.status));
    expect(statuses[0]).toBe("succeeded");
    expect(statuses).not.toContain("running");
    resumed.stop();
    watcher.stop();
  });

  it("lets go of a batch that never renders after a few tries, telling streams to read afresh, and goes on", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { feed: live } = open({ sweepMs: 20 }, {
      get: (id) => (id === "corrupt" ? Promise.reject(new Error("malformed request_json")) : store.get(id)),
    });
    const stream = await listen(live);
    await create("corrupt");
    const corrupt = (await store.changeBounds()).last;
    await until(() => stream.frames.length > 1);
    expect(stream.frames[1]).toMatchObject({ event: "hello", id: corrupt, data: { resumed: false } });
    expect(errors.mock.calls.flat().join("\n")).toMatch(/malformed request_json/);
    await create("fine");
    await until(() => stream.changes().length === 1);
    expect(stream.changes()[0]?.data).toMatchObject({ items: [{ id: "fine" }] });
    // Its sweeps stop with its last stream; one already under way is let finish before the store closes.
    stream.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    errors.mockRestore();
  });

  it("takes a burst of failures of one passing fault as one try, and delivers the batch once it renders", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let refusals = 4;
    const { feed: live } = open({ sweepMs: 60_000 }, {
      get: (id) => (id === "flaky" && refusals-- > 0 ? Promise.reject(new Error("timeout exceeded when trying to connect")) : store.get(id)),
    });
    const stream = await listen(live);
    const delivered = () => stream.changes().some((change) => (change.data as { items: { id: string }[] }).items.some((item) => item.id === "flaky"));
    await create("flaky");
    // Each change wakes the feed to try the batch again; PostgreSQL may fold several notices into one wake, so
    // changes keep coming until the batch is through, rather than a fixed number that could run out first.
    for (let more = 0; more < 40 && !delivered(); more++) {
      await create(`more ${more}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await until(delivered);
    expect(refusals).toBeLessThan(0);
    expect(stream.frames.filter((frame) => frame.event === "hello")).toHaveLength(1);
    stream.stop();
    errors.mockRestore();
  });

  it("starts a stream afresh whose catch-up cannot be rendered, rather than failing it every time it comes back", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { feed: live } = open({}, {
      get: (id) => (id === "corrupt" ? Promise.reject(new Error("malformed request_json")) : store.get(id)),
    });
    const from = (await store.changeBounds()).last;
    await create("corrupt");
    const resumed = await listen(live, from);
    expect(resumed.frames).toEqual([expect.objectContaining({ event: "hello", data: { resumed: false } })]);
    errors.mockRestore();
  });

  it("a stream too far behind, or from a cursor this log never gave, starts afresh", async () => {
    const { feed: live } = open({ catchUpLimit: 2 });
    const start = (await store.changeBounds()).last;
    for (const id of ["a", "b", "c"]) await create(id);
    expect((await listen(live, start)).frames[0]).toMatchObject({ event: "hello", data: { resumed: false } });
    expect((await listen(live, start + 1000)).frames[0]).toMatchObject({ event: "hello", data: { resumed: false } });
    await store.pruneChanges(Date.now() + 1000);
    expect((await listen(live, start)).frames[0]).toMatchObject({ event: "hello", data: { resumed: false } });
  });

  it("reads where the log ends again after a first read that failed, rather than failing for good", async () => {
    let failures = 1;
    const { feed: live } = open({}, {
      changeBounds: () => (failures-- > 0 ? Promise.reject(new Error("connection terminated")) : store.changeBounds()),
    });
    await expect(listen(live)).rejects.toThrow("connection terminated");
    const stream = await listen(live);
    expect(stream.frames[0]).toMatchObject({ event: "hello", data: { resumed: false } });
    await create("g4");
    await until(() => stream.changes().length === 1);
  });

  it("a stream whose missed changes are pruned while it catches up starts afresh, not with a gap", async () => {
    await create("seen");
    const seen = (await store.changeBounds()).last;
    for (const id of ["a", "b", "c"]) await create(id);
    let pruneNext = false;
    const { feed: live } = open({}, {
      changesAfter: async (cursor, limit) => {
        // The hourly prune, landing between the catch-up's reads of the log.
        if (pruneNext) await store.pruneChanges(Date.now() + 1000);
        pruneNext = false;
        return store.changesAfter(cursor, limit);
      },
    });
    pruneNext = true;
    const resumed = await listen(live, seen);
    expect(resumed.frames[0]).toMatchObject({ event: "hello", data: { resumed: false } });
    expect(resumed.changes()).toEqual([]);
  });

  it("sends a heartbeat to idle streams", async () => {
    const { feed: live } = open({ heartbeatMs: 20 });
    const beats: string[] = [];
    await live.subscribe(null, (bytes) => beats.push(decoder.decode(bytes)));
    await until(() => beats.filter((beat) => beat.startsWith("event: ping")).length >= 2);
  });

  it("drops a stream whose connection is gone", async () => {
    const { feed: live } = open();
    await live.subscribe(null, () => {
      throw new Error("closed");
    });
    await create("g3");
    await until(() => live.streams === 0);
  });
});

describe("Last-Event-ID", () => {
  it("is a cursor when it is a plain non-negative integer, and nothing else", () => {
    expect(parseCursor("42")).toBe(42);
    expect(parseCursor(" 7 ")).toBe(7);
    for (const value of [null, "", "-1", "1.5", "abc", "1e3", "9".repeat(20)]) expect(parseCursor(value)).toBeNull();
  });
});
