import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { planComparison, type CompareRequest } from "../compare/compare-request";
import { defaultRequest } from "../models/defaults";
import { freshPostgresSchema, freshStoreEachTest, STORE_BACKENDS } from "@/test/store-backends";
import pg from "pg";
import { openPostgres } from "./open-postgres";
import { ADVISORY_LOCKS } from "./advisory-locks";
import { createSqlStore } from "./sql-store";
import type { Change, GenerationStore } from "./types";

/** The change log the live stream reads: every write that changes what a page shows says what it changed. */

const compareRequest: CompareRequest = {
  models: ["wan2.6-t2i", "qwen-image"],
  prompt: "two lanterns",
  negativePrompt: "",
  aspect: "1:1",
  perModel: 1,
  seed: 5,
  promptExtend: true,
  watermark: false,
  blind: false,
};

/** What the changes after `cursor` said, without their ids and times. */
const said = async (store: GenerationStore, cursor: number) =>
  (await store.changesAfter(cursor, 1000)).map((change) => (change.kind === "usage" ? "usage" : change.kind === "poll" ? `poll ${change.poll}` : `${change.kind} ${change.item.kind} ${change.item.id}`));

describe.each(STORE_BACKENDS)("on $name", (backend) => {
  const store = freshStoreEachTest(backend);
  const image = { id: randomUUID(), position: 0, width: 64, height: 64, mime: "image/png", bytes: 10, revisedPrompt: "" };

  it("records each change of a generation, in order, and nothing for a write that changed nothing", async () => {
    const start = (await store.changeBounds()).last;
    await store.create({ id: "g1", createdAt: 1, request: { ...defaultRequest("wan2.6-t2i"), prompt: "a" } });
    await store.markSent("g1", 7, 1);
    await store.markUpstream("g1", { requestId: "r1", taskId: null });
    await store.reserveImages("2026-12-02", 1, null);
    await store.complete("g1", { finishedAt: 2, durationMs: 1, images: [image] });
    await store.markSent("g1", 8, 2); // no longer running: nothing changed
    await store.setStarred("g1", true);
    await store.addSpend("2026-12-02", "wan2.6-t2i", 1);
    await store.delete("g1", 3);
    expect(await said(store, start)).toEqual(["item generation g1", "item generation g1", "item generation g1", "usage", "item generation g1", "item generation g1", "usage", "deleted generation g1"]);
  });

  it("records a comparison's columns as the comparison, and its deletion", async () => {
    const start = (await store.changeBounds()).last;
    const columns = planComparison(compareRequest).map((plan, index) => ({ id: `c${index}`, request: plan.request }));
    await store.createComparison({ id: "cmp", createdAt: 1, request: compareRequest, seed: 5, columns });
    await store.fail("c0", { finishedAt: 2, status: "failed", error: null });
    await store.replaceColumn("c0", { id: "c0b", createdAt: 3 });
    await store.updateComparison("cmp", { revealed: true });
    await store.deleteComparison("cmp", 10);
    expect(await said(store, start)).toEqual(["item comparison cmp", "item comparison cmp", "item comparison cmp", "item comparison cmp", "deleted comparison cmp"]);
  });

  it("names an item's last change, which a star's answer carries, whatever other items changed after it", async () => {
    await store.create({ id: "g1", createdAt: 1, request: { ...defaultRequest("wan2.6-t2i"), prompt: "a" } });
    const columns = planComparison(compareRequest).map((plan, index) => ({ id: `c${index}`, request: plan.request }));
    await store.createComparison({ id: "cmp", createdAt: 1, request: compareRequest, seed: 5, columns });
    await store.setStarred("g1", true);
    const starred = (await store.changeBounds()).last;
    await store.create({ id: "g2", createdAt: 2, request: { ...defaultRequest("wan2.6-t2i"), prompt: "b" } });
    await store.fail("c0", { finishedAt: 2, status: "failed", error: null });
    expect(await store.lastChangeOf({ kind: "generation", id: "g1" })).toBe(starred);
    expect(await store.lastChangeOf({ kind: "comparison", id: "cmp" })).toBe((await store.changeBounds()).last);
    // A column is told of as its comparison, never by its own id.
    expect(await store.lastChangeOf({ kind: "generation", id: "c0" })).toBeNull();
    expect(await store.lastChangeOf({ kind: "generation", id: "nope" })).toBeNull();
  });

  it("records the generations a lease's end interrupts", async () => {
    const lease = { owner: "gone", until: 10 };
    await store.create({ id: "leased", createdAt: 1, request: { ...defaultRequest("wan2.6-t2i"), prompt: "a" } }, { lease, maxConcurrent: 8, now: 1 });
    const start = (await store.changeBounds()).last;
    expect(await store.expireLeases(11)).toBe(1);
    // Never sent, its images were given back: the count of today changed too.
    expect(await said(store, start)).toEqual(["item generation leased", "usage"]);
  });

  it("records the places held under the cap moving when the runner says how long an ended call may still work", async () => {
    await store.create({ id: "out", createdAt: 1, request: { ...defaultRequest("wan2.6-t2i"), prompt: "a" } }, { lease: { owner: "i1", until: 10 }, maxConcurrent: 8, now: 1 });
    await store.fail("out", { finishedAt: 2, status: "cancelled", error: null, lingerUntil: Date.now() + 60_000 });
    const start = (await store.changeBounds()).last;
    await store.linger("out", 0);
    await store.linger("gone", 0); // no such call: nothing changed
    // The stream's usage carries how many places are held; it is read again for this change.
    expect(await said(store, start)).toEqual(["usage"]);
  });

  it("pages by cursor, knows its bounds, and forgets old changes but never the newest", async () => {
    for (let index = 0; index < 5; index++) await store.reserveImages("2026-12-02", 1, null);
    const { first, last } = await store.changeBounds();
    expect(last - first).toBe(4);
    const page = await store.changesAfter(first, 2);
    expect(page.map((change: Change) => change.id)).toEqual([first + 1, first + 2]);
    await store.pruneChanges(Date.now() + 60_000);
    expect(await store.changeBounds()).toEqual({ first: last, last });
  });

  it("forgets only an unbroken run of the oldest, whatever clock stamped each change", async () => {
    // Instances whose clocks disagree: the second change is stamped earlier than the first.
    const stamps = [Date.now() + 10_000, Date.now(), Date.now() + 20_000];
    for (const stamp of stamps) {
      vi.useFakeTimers({ toFake: ["Date"], now: stamp });
      try {
        await store.reserveImages("2026-12-02", 1, null);
      } finally {
        vi.useRealTimers();
      }
    }
    const { first, last } = await store.changeBounds();
    await store.pruneChanges(Date.now() + 5_000);
    // The middle one is old enough, but forgetting it alone would leave a gap a resume could not see.
    expect(await store.changeBounds()).toEqual({ first, last });
    expect((await store.changesAfter(first - 1, 10)).map((change) => change.id)).toEqual([first, first + 1, last]);
    await store.pruneChanges(Date.now() + 15_000);
    expect(await store.changeBounds()).toEqual({ first: last, last });
  });

  it("tells this process's watchers after a commit that changed something, and stops when asked", async () => {
    let calls = 0;
    const stop = store.watchChanges(() => calls++);
    await store.reserveImages("2026-12-02", 1, null);
    await store.reserveImages("2026-12-02", 5, 3); // refused: nothing changed
    expect(calls).toBe(1);
    stop();
    await store.reserveImages("2026-12-02", 1, null);
    expect(calls).toBe(1);
  });
});

describe("on postgres, with several instances writing", () => {
  it("a reader following the cursor while others commit never skips a change (ids in commit order)", async () => {
    const schema = await freshPostgresSchema();
    const instances = await Promise.all([0, 1, 2].map(async () => createSqlStore(await openPostgres(schema.url, { maxConnections: 4 }))));
    try {
      const [reader, ...writers] = instances as [GenerationStore, ...GenerationStore[]];
      await reader.reserveImages("2026-12-02", 0, null); // migrates once before the race
      const seen = new Set<number>();
      let cursor = (await reader.changeBounds()).last;
      let writing = true;
      const follow = (async () => {
        while (writing || cursor < (await reader.changeBounds()).last) {
          for (const change of await reader.changesAfter(cursor, 100)) {
            seen.add(change.id);
            cursor = change.id;
          }
        }
      })();
      const start = cursor;
      await Promise.all(writers.flatMap((writer) => Array.from({ length: 60 }, () => writer.reserveImages("2026-12-02", 1, null))));
      writing = false;
      await follow;
      const all = (await reader.changesAfter(start, 1000)).map((change) => change.id);
      expect(all).toHaveLength(120);
      expect([...seen].sort((a, b) => a - b)).toEqual(all);
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
      await schema.drop();
    }
  });

  it("a change is recorded under a lock held to its commit, so a later id never commits first", async () => {
    const schema = await freshPostgresSchema();
    const store = createSqlStore(await openPostgres(schema.url, { maxConnections: 2 }));
    const holder = new pg.Client({ connectionString: schema.url });
    await holder.connect();
    try {
      await store.reserveImages("2026-12-02", 0, null);
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock($1)", [ADVISORY_LOCKS.changes]);
      let done = false;
      const write = store.reserveImages("2026-12-02", 1, null).then(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false);
      await holder.query("COMMIT");
      await write;
      expect(done).toBe(true);
    } finally {
      await holder.end();
      await store.close();
      await schema.drop();
    }
  });
});
