import { createServer, type AddressInfo } from "node:net";
import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { freshPostgresSchema } from "@/test/store-backends";
import { defaultRequest } from "../models/defaults";
import { POSTGRES_MIGRATIONS } from "./migrations";
import { openPostgres } from "./open-postgres";
import { createSqlStore } from "./sql-store";

/** The protocol's "authentication done" and "ready for a query" messages. */
const authenticationOk = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0]);
const readyForQuery = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);

/**
 * Records what reaches the process as an uncaught exception while `work` runs: a pg 'error' event that no
 * one hears would end a server's process, where here it only fails the run after the tests have passed.
 */
const uncaughtDuring = async (work: () => Promise<void>): Promise<unknown[]> => {
  const uncaught: unknown[] = [];
  const record = (error: unknown) => void uncaught.push(error);
  process.on("uncaughtException", record);
  try {
    await work();
    // The server's word of the ended session arrives on its own; give it time to be read.
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    process.off("uncaughtException", record);
  }
  return uncaught;
};

/** What only the PostgreSQL backend has: instances that start together, and a database that outlives them. */

describe("the PostgreSQL database", () => {
  it("is migrated once when several instances start at the same moment", async () => {
    const schema = await freshPostgresSchema();
    try {
      const opened = await Promise.all(Array.from({ length: 4 }, () => openPostgres(schema.url, { maxConnections: 2 })));
      const first = opened[0];
      if (!first) throw new Error("nothing opened");
      const { rows } = await sql<{ version: number }>`SELECT version FROM playground_schema ORDER BY version`.execute(first.db);
      expect(rows.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((_, index) => index + 1));
      await Promise.all(opened.map((database) => database.db.destroy()));
    } finally {
      await schema.drop();
    }
  });

  it("does not let a client that went quiet inside a transaction hold its locks: the server ends its session", async () => {
    const schema = await freshPostgresSchema();
    try {
      const database = await openPostgres(schema.url, { maxConnections: 2, idleInTransactionMs: 300 });
      if (database.backend !== "postgres") throw new Error("not PostgreSQL");
      expect((await sql<{ value: string }>`SELECT current_setting('idle_in_transaction_session_timeout') AS value`.execute(database.db)).rows[0]?.value).toBe("300ms");
      // Beside the URL's own options: the test schema's search_path.
      expect((await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(database.db)).rows[0]?.schema).toMatch(/^t_[0-9a-f]{12}$/);
      // As an instance whose network dropped between its statements: the lock is taken, then nothing more comes.
      const quiet = await database.pool.connect();
      const uncaught = await uncaughtDuring(async () => {
        await quiet.query("BEGIN");
        await quiet.query("SELECT pg_advisory_xact_lock(42)");
        const other = await database.pool.connect();
        await expect.poll(async () => (await other.query("SELECT pg_try_advisory_lock(42) AS got")).rows[0].got, { timeout: 5_000 }).toBe(true);
        other.release();
      });
      // The server ending the session is this process's news, not its end.
      expect(uncaught).toEqual([]);
      await expect(quiet.query("SELECT 1")).rejects.toThrow();
      quiet.release();
      await database.db.destroy();
    } finally {
      await schema.drop();
    }
  });

  it("outlives a connection cut in the middle of a transaction: that transaction fails, and the next one is served", async () => {
    const schema = await freshPostgresSchema();
    try {
      const database = await openPostgres(schema.url, { maxConnections: 2 });
      const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
      let failure: unknown;
      const uncaught = await uncaughtDuring(async () => {
        await database.db
          .transaction()
          .execute(async (trx) => {
            const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
            // A restart or failover, as the server tells it: it ends this session while the transaction waits on the app.
            await sql`SELECT pg_terminate_backend(${rows[0]?.pid})`.execute(database.db);
            await new Promise((resolve) => setTimeout(resolve, 200));
            await sql`SELECT 1`.execute(trx);
          })
          .catch((error: unknown) => {
            failure = error;
          });
      });
      expect(uncaught).toEqual([]);
      expect(failure).toBeInstanceOf(Error);
      // One line in the log, though the client hears the server's word and then the socket's end.
      expect(logged.mock.calls.filter(([line]) => String(line).startsWith("PostgreSQL connection lost"))).toEqual([
        ["PostgreSQL connection lost: terminating connection due to administrator command"],
      ]);
      logged.mockRestore();
      expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
      await database.db.destroy();
    } finally {
      await schema.drop();
    }
  });

  it("keeps everything for the next instance, big numbers as numbers", async () => {
    const schema = await freshPostgresSchema();
    try {
      const store = createSqlStore(await openPostgres(schema.url));
      const createdAt = Date.UTC(2026, 11, 2, 12, 0, 0);
      await store.create({ id: "kept", createdAt, request: { ...defaultRequest("wan2.6-t2i"), prompt: "persisted" } });
      await store.markSent("kept", 2_147_483_647, createdAt + 10);
      await store.complete("kept", { finishedAt: createdAt + 900, durationMs: 900, images: [{ id: "kept-image-1", position: 0, width: 640, height: 480, mime: "image/png", bytes: 9_000_000_000, revisedPrompt: "kept" }] });
      const before = await store.get("kept");
      expect(before).toMatchObject({ createdAt, seed: 2_147_483_647, finishedAt: createdAt + 900 });
      await store.close();
      const next = createSqlStore(await openPostgres(schema.url));
      expect(await next.get("kept")).toEqual(before);
      expect((await next.image("kept-image-1"))?.bytes).toBe(9_000_000_000);
      await next.close();
    } finally {
      await schema.drop();
    }
  });

  it("gives up on a server that lets a connection in and then answers nothing, instead of waiting for ever", async () => {
    // Says "signed in, ready" to every connection, then never answers a query (a server frozen, a proxy stuck).
    const silent = createServer((socket) => {
      socket.once("data", () => socket.write(Buffer.concat([authenticationOk, readyForQuery])));
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      await expect(openPostgres(`postgres://nobody@127.0.0.1:${port}/none`, { connectTimeoutMs: 300 })).rejects.toThrow(/timeout/i);
    } finally {
      silent.close();
    }
  });

  it("says what is wrong when the server cannot be reached, and where, without the password: for every address a name has too", async () => {
    await expect(openPostgres("postgres://nobody:s3cret@127.0.0.1:1/none")).rejects.toThrow(/^PostgreSQL at 127\.0\.0\.1:1\/none cannot be used: connect ECONNREFUSED 127\.0\.0\.1:1$/);
    // localhost is 127.0.0.1 and ::1 here: Node's own message for that failure is empty.
    const refused = await openPostgres("postgres://nobody:s3cret@localhost:1/none").then(() => null, (error: unknown) => (error as Error).message);
    expect(refused).toMatch(/^PostgreSQL at localhost:1\/none cannot be used: connect ECONNREFUSED/);
    expect(refused).not.toContain("s3cret");
  });
});
