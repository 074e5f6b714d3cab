import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { startAppServer } from "../e2e/server-process";
import { ERROR_CODES } from "../lib/errors";
import { startSimulatorServer } from "../lib/simulator/node-server";
import { table } from "./stats";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/**
 * A bounded load test on loopback: 2,000 generations at concurrency 50 against `next start`, with the
 * simulator failing 5% of gateway calls. Every answer must be well-formed and mapped, the server must
 * survive, every job must settle, and its memory is read before and after.
 */

const TOTAL = 2_000;
const CONNECTIONS = 50;
const PORT = 3391;
const KEY = "sk-load-canary-0123456789abcdef";

const rssOf = (pid: number): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0) * 1024;
};

type Tally = Map<string, number>;
const bump = (tally: Tally, key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

export const loadTest = async (): Promise<string> => {
  const dir = mkdtempSync(join(tmpdir(), "load-"));
  const simulator = await startSimulatorServer({ apiKey: KEY, latencyMs: 50, responseFormat: "b64_json" });
  // Every 20th gateway call fails (5%), each kind of failure in turn.
  simulator.simulator.configure({ periodicFaults: { every: 20, kinds: ["server_error", "rate_limit", "garbage", "moderation", "truncated"], retryAfterSeconds: 60 } });
  const server = await startAppServer(PORT, {
    ONETOKEN_API_KEY: KEY,
    ONETOKEN_BASE_URL: simulator.url,
    DATA_DIR: dir,
    RATE_LIMIT_PER_MINUTE: "10000",
    MAX_CONCURRENT_GENERATIONS: "1000",
  });
  try {
    const warm = await fetch(`${server.url}/api/limits`);
    if (!warm.ok) throw new Error("server not ready");
    const rssBefore = rssOf(server.pid);
    const answers: Tally = new Map();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssOf(server.pid));
    }, 100);
    let malformed = 0;
    let leaked = 0;
    const body = JSON.stringify({ model: "wan2.2-t2i-flash", prompt: "load test kitten", negativePrompt: "", width: 512, height: 512, n: 1, seed: null, promptExtend: true, watermark: false });
    const result = await autocannon({
      url: `${server.url}/api/generations`,
      connections: CONNECTIONS,
      amount: TOTAL,
      // Long enough that every start gets its answer, however far behind the server falls.
      timeout: 120,
      requests: [
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
          onResponse: (status: number, responseBody: string) => {
            if (responseBody.includes(KEY)) leaked++;
            try {
              const json = JSON.parse(responseBody) as { status?: string; error?: { code?: string; message?: string } };
              if (status === 202 && json.status === "running") return bump(answers, "202 started");
              const code = json.error?.code ?? "";
              if (code in ERROR_CODES && json.error?.message && ERROR_CODES[code as keyof typeof ERROR_CODES] === status) return bump(answers, `${status} ${code}`);
              malformed++;
            } catch {
              malformed++;
            }
          },
        },
      ],
    });
    // Wait for every started job to settle.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const usage = (await (await fetch(`${server.url}/api/limits`)).json()) as { running: number };
      if (usage.running === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    clearInterval(sampler);
    const rssAfter = rssOf(server.pid);
    const outcomes: Tally = new Map();
    let cursor: string | null = null;
    do {
      const page = (await (await fetch(`${server.url}/api/generations?limit=100${cursor ? `&cursor=${cursor}` : ""}`)).json()) as {
        items: Array<{ status: string; error: { code: string } | null }>;
        nextCursor: string | null;
      };
      for (const item of page.items) bump(outcomes, item.error ? `${item.status} (${item.error.code})` : item.status);
      cursor = page.nextCursor;
    } while (cursor);
    const alive = (await fetch(`${server.url}/api/limits`)).ok;
    const stats = simulator.simulator.stats();

    const rows = (tally: Tally) => [...tally.entries()].sort((a, b) => b[1] - a[1]).map(([key, value]) => [key, value]);
    return [
      `### Load: ${TOTAL.toLocaleString("en")} generations at concurrency ${CONNECTIONS}, 5% gateway faults`,
      "",
      `autocannon on loopback against \`next start\`, the simulator answering in 50 ms with b64_json images (512*512) and failing every 20th call (500, 429 with a 60 s Retry-After, non-JSON, moderation, truncated JSON, in turn). MAX_CONCURRENT_GENERATIONS=1000, so every start is admitted and the jobs pile up on the server: a stress well past the default cap of 8.`,
      "",
      table(
        ["measure", "value"],
        [
          ["requests sent / answered", `${TOTAL} / ${result.requests.total}`],
          ["answers that were not well-formed JSON with a mapped status", malformed],
          ["answers holding the key", leaked],
          ["server alive afterwards", alive ? "yes" : "NO"],
          ["jobs still running after settling", outcomes.get("running") ?? 0],
          ["gateway calls the simulator received (retries included)", stats.calls],
          ["start latency p50 / p99", `${result.latency.p50} ms / ${result.latency.p99} ms`],
          ["starts per second (mean)", result.requests.average.toFixed(0)],
          ["server RSS before / peak seen / after settling", `${mb(rssBefore)} / ${mb(rssPeak)} / ${mb(rssAfter)}`],
          ["errors / timeouts at the socket", `${result.errors} / ${result.timeouts}`],
        ],
      ),
      "",
      "Answers to the 2,000 starts:",
      "",
      table(["answer", "count"], rows(answers)),
      "",
      "How the started jobs ended (from the history):",
      "",
      table(["outcome", "count"], rows(outcomes)),
    ].join("\n");
  } finally {
    server.kill();
    await simulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
