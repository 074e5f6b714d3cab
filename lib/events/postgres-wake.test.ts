import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { freshPostgresDatabase, freshPostgresSchema } from "@/test/store-backends";
import { openPostgres } from "../store/open-postgres";
import { CHANGES_CHANNEL } from "../store/sql-changes";
import { createSqlStore } from "../store/sql-store";
import { listenForChanges } from "./postgres-wake";

/** The LISTEN connection that wakes this instance's feed: woken by a NOTIFY, and back after it is dropped. */

describe("listening for changes on PostgreSQL", () => {
  it("wakes on a NOTIFY, comes back after its connection is cut, and holds one connection however often it is", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    // A database of its own: the wakes are counted exactly, and other files' commits NOTIFY in theirs.
    const database = await freshPostgresDatabase();
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    let wakes = 0;
    // Named, so that other files' connections to the same cluster are not counted or cut.
    const name = `wake_test_${process.pid}_${Date.now()}`;
    const named = new URL(database.url);
    named.searchParams.set("application_name", name);
    const listener = listenForChanges(named.toString(), { wake: () => wakes++ });
    const listening = () => admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = $1", [name]);
    try {
      // Woken once it listens: what was committed before may have sent its NOTIFY to nobody.
      await vi.waitFor(() => expect(wakes).toBe(1), { timeout: 5_000 });
      await admin.query(`NOTIFY ${CHANGES_CHANNEL}`);
      await vi.waitFor(() => expect(wakes).toBe(2), { timeout: 5_000 });
      for (let cut = 1; cut <= 3; cut++) {
        const before = wakes;
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [name]);
        // Back a second later, and woken then: NOTIFYs sent meanwhile went to nobody.
        await vi.waitFor(async () => expect((await listening()).rows).toHaveLength(1), { timeout: 10_000 });
        await vi.waitFor(() => expect(wakes).toBeGreaterThan(before), { timeout: 5_000 });
      }
      const before = wakes;
      await admin.query(`NOTIFY ${CHANGES_CHANNEL}`);
      await vi.waitFor(() => expect(wakes).toBe(before + 1), { timeout: 5_000 });
      expect((await listening()).rows).toHaveLength(1);
    } finally {
      await listener.close();
      await admin.end();
      await database.drop();
    }
  }, 60_000);

  it("tells of a sign-out on any instance, with the session's id, so that session's streams end at once everywhere", async () => {
    const schema = await freshPostgresSchema();
    const other = createSqlStore(await openPostgres(schema.url, { maxConnections: 2 }));
    let listening = false;
    const signedOut: string[] = [];
    const listener = listenForChanges(schema.url, { wake: () => (listening = true), signedOut: (id) => signedOut.push(id) });
    try {
      await vi.waitFor(() => expect(listening).toBe(true), { timeout: 5_000 });
      const id = `session-${process.pid}-${Date.now()}`;
      await other.revokeSession(id, Date.now() + 60_000, Date.now());
      // Other files' tests share the cluster, and so the channel: only this id is looked for.
      await vi.waitFor(() => expect(signedOut).toContain(id), { timeout: 5_000 });
      expect(await other.isSessionRevoked(id)).toBe(true);
    } finally {
      await listener.close();
      await other.close();
      await schema.drop();
    }
  });
});
