import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { freshPostgresSchema } from "@/test/store-backends";
import { defaultRequest } from "../models/defaults";
import { databaseClock } from "./database-clock";
import { openPostgres } from "./open-postgres";
import { openSqlite } from "./open-sqlite";
import { createSqlStore } from "./sql-store";

/** Instances whose clocks disagree judge shared times (leases, lingering calls) by the database's clock. */

/** The database runs on this machine: its clock is this process's, within a round trip. */
const CLOSE_MS = 250;

describe("the database's clock", () => {
  it("is this process's own for the embedded history", async () => {
    const dir = mkdtempSync(join(tmpdir(), "clock-"));
    try {
      const database = openSqlite(join(dir, "history.db"));
      const clock = await databaseClock(database, () => 42);
      expect(clock.now()).toBe(42);
      await database.db.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("corrects a process's clock that is off PostgreSQL's, and follows it when it jumps", async () => {
    const schema = await freshPostgresSchema();
    const database = await openPostgres(schema.url, { maxConnections: 2 });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      let skew = -90_000;
      const clock = await databaseClock(database, () => Date.now() + skew);
      expect(Math.abs(clock.now() - Date.now())).toBeLessThan(CLOSE_MS);
      expect(Math.abs(clock.offsetMs() - 90_000)).toBeLessThan(CLOSE_MS);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("clock is 90.0 s behind the database's"));
      skew = 30_000;
      await clock.measure();
      expect(Math.abs(clock.now() - Date.now())).toBeLessThan(CLOSE_MS);
    } finally {
      warn.mockRestore();
      await database.db.destroy();
      await schema.drop();
    }
  });

  it("keeps a live lease alive when the instance that judges it runs a minute ahead of the one that holds it", async () => {
    const schema = await freshPostgresSchema();
    const [holding, judging] = await Promise.all([openPostgres(schema.url, { maxConnections: 2 }), openPostgres(schema.url, { maxConnections: 2 })]);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const behind = await databaseClock(holding, () => Date.now() - 30_000);
      const ahead = await databaseClock(judging, () => Date.now() + 30_000);
      const store = createSqlStore(holding);
      const time = behind.now();
      await store.create({ id: "live", createdAt: time, request: { ...defaultRequest("wan2.6-t2i"), prompt: "a lease" } }, { lease: { owner: "a", until: time + 15_000 }, maxConcurrent: 4, now: time });
      const other = createSqlStore(judging);
      expect(await other.expireLeases(ahead.now())).toBe(0);
      expect((await other.get("live"))?.status).toBe("running");
      // By the database's clock the lease does run out, for whichever instance looks.
      expect(await other.expireLeases(ahead.now() + 16_000)).toBe(1);
    } finally {
      warn.mockRestore();
      await Promise.all([holding.db.destroy(), judging.db.destroy()]);
      await schema.drop();
    }
  });
});
