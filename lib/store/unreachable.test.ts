import { createServer, type Server } from "node:net";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { markUnreached, neverReachedDatabase, retryUnreached, sayUnreached } from "./unreachable";

/**
 * What a write's failure proves: only a connection to the database never made may be tried again without doing
 * it twice. The database's pool marks such failures where it connects (open-postgres.ts); the writes that ride
 * out a real PostgreSQL restart so are in lib/history/storage.outage.test.ts.
 */

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
  vi.restoreAllMocks();
});

/** A loopback port: one that refuses connections (nothing listens), or a server that accepts and never answers. */
const listen = async (onConnection: (socket: import("node:net").Socket) => void = () => undefined) => {
  const server = createServer(onConnection);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
};
const closedPort = async () => {
  const port = await listen();
  await new Promise((resolve) => servers.pop()?.close(resolve));
  return port;
};
const failureOf = async (config: pg.PoolConfig): Promise<unknown> => {
  const pool = new pg.Pool({ ...config, host: "127.0.0.1", user: "nobody", database: "nothing", max: 1 });
  try {
    await pool.query("SELECT 1");
    throw new Error("the query ran");
  } catch (error) {
    return error;
  } finally {
    await pool.end().catch(() => undefined);
  }
};

const unreached = (error: unknown) => neverReachedDatabase(markUnreached(error));

describe("a database connection's failure", () => {
  it("proves nothing was done when the connection was refused, or not made within the connect timeout", async () => {
    expect(unreached(await failureOf({ port: await closedPort() }))).toBe(true);
    expect(unreached(await failureOf({ port: await listen(), connectionTimeoutMillis: 100 }))).toBe(true);
    expect(unreached(Object.assign(new Error("the database system is starting up"), { code: "57P03" }))).toBe(true);
  });

  it("proves nothing when the connection was lost after it was made, or the statement itself failed", async () => {
    // A server that takes the connection and then closes it: pg cannot tell how far a statement got.
    expect(unreached(await failureOf({ port: await listen((socket) => socket.destroy()) }))).toBe(false);
    expect(unreached(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(false);
    expect(unreached(Object.assign(new Error("could not serialize access"), { code: "40001" }))).toBe(false);
    expect(unreached(new Error("boom"))).toBe(false);
    expect(unreached("ECONNREFUSED")).toBe(false);
  });

  it("is the database's only when its pool marked it: the image bucket's refused connection has the same code", () => {
    expect(neverReachedDatabase(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8080"), { code: "ECONNREFUSED" }))).toBe(false);
  });

  it("keeps its mark when said in other words, and only then", () => {
    const refused = markUnreached(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
    expect(neverReachedDatabase(sayUnreached(new Error("PostgreSQL at 127.0.0.1:5432/x cannot be used"), refused))).toBe(true);
    expect(neverReachedDatabase(sayUnreached(new Error("PostgreSQL at 127.0.0.1:5432/x cannot be used"), new Error("password authentication failed")))).toBe(false);
  });
});

describe("a write tried again while the database cannot be reached", () => {
  const refused = () => markUnreached(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));

  it("is run again after each wait until it is done", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    let tries = 0;
    const done = await retryUnreached("a test write", async () => {
      if (++tries < 3) throw refused();
      return "written";
    }, [1, 1, 1]);
    expect({ done, tries }).toEqual({ done: "written", tries: 3 });
    expect(console.warn).toHaveBeenCalledTimes(2);
  });

  it("gives up after its last wait, and at once on a failure that proves nothing", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    let tries = 0;
    await expect(retryUnreached("a test write", async () => { tries++; throw refused(); }, [1, 1])).rejects.toThrow("ECONNREFUSED");
    expect(tries).toBe(3);
    tries = 0;
    await expect(retryUnreached("a test write", async () => { tries++; throw new Error("Connection terminated unexpectedly"); }, [1, 1])).rejects.toThrow("terminated");
    expect(tries).toBe(1);
  });
});
