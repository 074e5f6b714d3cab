import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startPostgresCluster, type PostgresCluster } from "@/test/services/postgres-cluster";
import { captureConsole } from "@/test/route-harness";
import { callGateway } from "../gateway/call";
import { fetchUpstreamImage } from "../gateway/fetch-image";
import { createJobRunner } from "../jobs/runner";
import { defaultRequest } from "../models/defaults";
import { useSimulatorServer } from "../simulator/test-support";
import { openStorage, openStorageWhenReached } from "./storage";

/**
 * A team's database away for longer than a lease (a restart, a failover), on a cluster of this file's own:
 * the instance running a generation is alive all along, so its generation must not be taken for a dead
 * instance's once the database is back.
 */

const KEY = "sk-outage-test-0123456789";
const current = useSimulatorServer({ apiKey: KEY });
const LEASE_MS = 1_000;

let cluster: PostgresCluster;
let dir: string;
let logged: ReturnType<typeof captureConsole>;
beforeAll(async () => {
  logged = captureConsole();
  cluster = await startPostgresCluster();
  dir = mkdtempSync(join(tmpdir(), "outage-"));
}, 60_000);
afterAll(() => {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("a database outage longer than a lease", () => {
  it("leaves the generations of instances still alive running, and they finish once it is back", async () => {
    const storage = await openStorage({ dataDir: dir, databaseUrl: cluster.url, s3: null, leaseMs: LEASE_MS });
    const target = { baseUrl: current().url, apiKey: KEY };
    // The instance running the call finds the database again later than the one whose upkeep looks at leases
    // (its pool reconnects later, or its heartbeat comes later): its renewals fail until the upkeep has run.
    let renewalsFail = false;
    const runner = createJobRunner({
      store: {
        ...storage.store,
        renewLeases: async (...args) => {
          if (renewalsFail) throw new Error("connect ECONNREFUSED");
          return storage.store.renewLeases(...args);
        },
      },
      images: storage.images,
      gateway: async () => ({
        generate: (sent, signal, hooks) => callGateway(target, { requestStyle: "native", timeoutMs: 30_000 }, sent, signal, hooks),
        fetchImage: (url, signal) => fetchUpstreamImage(url, { trustedOrigin: current().url, ...(signal && { signal }) }),
      }),
      instance: { id: "alive", leaseMs: LEASE_MS, heartbeatMs: 100 },
    });
    let looked = 0;
    const expire = storage.store.expireLeases;
    vi.spyOn(storage.store, "expireLeases").mockImplementation(async (...args) => {
      const ended = await expire(...args);
      looked += 1;
      return ended;
    });
    // The upkeep as a server runs it: every few hundred milliseconds, whether or not the database answers.
    const upkeep = setInterval(() => void storage.upkeep(Date.now()).catch(() => undefined), 100);
    try {
      current().simulator.configure({ latencyMs: 8_000 });
      const started = await runner.start({ ...defaultRequest("wan2.2-t2i-flash"), prompt: "a lighthouse at dusk", width: 640, height: 512 });
      await vi.waitFor(() => expect(current().simulator.stats().calls).toBe(1));
      renewalsFail = true;
      cluster.pause();
      // Away for three leases: every lease ran out meanwhile, and nobody could renew one.
      await new Promise((resolve) => setTimeout(resolve, 3 * LEASE_MS));
      cluster.resume();
      const before = looked;
      await vi.waitFor(() => expect(looked).toBeGreaterThan(before), { timeout: 5_000, interval: 20 });
      renewalsFail = false;
      await runner.idle();
      expect(await storage.store.get(started.id)).toMatchObject({ status: "succeeded" });
    } finally {
      clearInterval(upkeep);
      await storage.store.close();
    }
  }, 60_000);
});

describe("a database restarting when the gateway answers", () => {
  it("keeps the answer once the database is back: its images stored, billed once, not failed or taken for interrupted", async () => {
    const storage = await openStorage({ dataDir: dir, databaseUrl: cluster.url, s3: null, leaseMs: 30_000 });
    const target = { baseUrl: current().url, apiKey: KEY };
    const runner = createJobRunner({
      ...storage,
      gateway: async () => ({
        generate: (sent, signal, hooks) => callGateway(target, { requestStyle: "native", timeoutMs: 30_000 }, sent, signal, hooks),
        fetchImage: (url, signal) => fetchUpstreamImage(url, { trustedOrigin: current().url, ...(signal && { signal }) }),
      }),
      limits: { maxConcurrent: 10, dailyImageLimit: 10 },
      databaseBackoffMs: [200, 400, 800, 1_600, 3_200],
    });
    try {
      current().simulator.configure({ latencyMs: 500 });
      const before = current().simulator.stats();
      const used = (await runner.usage()).imagesToday;
      const started = await runner.start({ ...defaultRequest("wan2.2-t2i-flash"), prompt: "a harbour in the rain", width: 640, height: 512 });
      await vi.waitFor(() => expect(current().simulator.stats().calls).toBe(before.calls + 1));
      cluster.pause();
      // The answer comes while the database is away, and is held until it is back.
      await vi.waitFor(() => expect(current().simulator.stats().succeeded).toBe(before.succeeded + 1), { timeout: 5_000 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      cluster.resume();
      await runner.idle();
      const done = await storage.store.get(started.id);
      expect(done).toMatchObject({ status: "succeeded", billedImages: 1, error: null });
      expect(await storage.images.read(done?.images[0]?.id ?? "", "full")).not.toBeNull();
      expect((await runner.usage()).imagesToday).toBe(used + 1);
    } finally {
      await storage.store.close();
    }
  }, 60_000);
});

describe("an instance started while its database is away", () => {
  it("waits for the database, saying so, and opens the history once it is back", async () => {
    cluster.pause();
    let resumed = false;
    const back = setTimeout(() => {
      cluster.resume();
      resumed = true;
    }, 1_000);
    try {
      const storage = await openStorageWhenReached({ dataDir: dir, databaseUrl: cluster.url, s3: null, leaseMs: 30_000 }, Array<number>(40).fill(200));
      expect(resumed).toBe(true);
      expect(await storage.store.list({ limit: 1 })).toBeTruthy();
      await storage.store.close();
    } finally {
      clearTimeout(back);
      if (!resumed) cluster.resume();
    }
    const waits = logged.filter(({ line }) => line.startsWith("Opening the history: the database could not be reached"));
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]?.line).toMatch(/\(try 1 of 41\); trying again in 200 ms: Error: PostgreSQL at 127\.0\.0\.1:\d+\/postgres cannot be used: connect ECONNREFUSED/);
  }, 30_000);

  it("gives up after its last wait with the reason, and at once when the database refuses the login", async () => {
    cluster.pause();
    try {
      await expect(openStorageWhenReached({ dataDir: dir, databaseUrl: cluster.url, s3: null, leaseMs: 30_000 }, [50, 50])).rejects.toThrow(/^PostgreSQL at 127\.0\.0\.1:\d+\/postgres cannot be used: connect ECONNREFUSED/);
    } finally {
      cluster.resume();
    }
    // A database that refuses the user (a role it does not have) was reached: that is not waited for.
    const url = cluster.url.replace("postgres@", "nobody@");
    const waitsBefore = logged.filter(({ line }) => line.startsWith("Opening the history")).length;
    await expect(openStorageWhenReached({ dataDir: dir, databaseUrl: url, s3: null, leaseMs: 30_000 }, [5_000])).rejects.toThrow(/cannot be used: role "nobody" does not exist/);
    expect(logged.filter(({ line }) => line.startsWith("Opening the history"))).toHaveLength(waitsBefore);
  }, 30_000);
});
