import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { startAppServer, type AppServer } from "../e2e/server-process";
import { randomUUID } from "node:crypto";
import { buildRequestBody } from "../lib/gateway/request-body";
import { openStorage } from "../lib/history/storage";
import { processImage } from "../lib/jobs/process-image";
import { renderImage } from "../lib/simulator/render";
import type { GenerateRequest } from "../lib/models/request-schema";
import { mb, rss, startSimulatorProcess, type SimulatorProcess } from "./processes";
import { median, ms, table } from "./stats";

/**
 * The app against the standalone simulator, each figure with a baseline measured in the same run:
 * the generate route against calling the simulator directly (autocannon), 200 generations at once, and
 * the server's peak memory with large base64 answers. Targets are the issue's; a miss is reported, never
 * tuned away.
 */

const KEY = "sk-bench-0123456789abcdef";
const SIM_PORT = 4392;
const APP_PORT = 3392;
const RUNS = 3;
const OVERHEAD_LIMITS =
  "What limits it: the app does more than pass the answer on. Per image it checks and thumbnails the picture and writes two files with fsync (the step table below), and on this 2-core machine that work queues behind the simulator's own PNG rendering, so latency grows with load. A route that only relayed the gateway's JSON would meet the target, but then the history would hold links that expire after 24 hours.";
const CONCURRENCY_LIMITS =
  "What limits it: the baseline itself. The simulator renders every one of the 200 PNGs on the same 2 cores, which alone takes several times the 1.3 s target; the app adds its thumbnails and writes on top.";

const SMALL: GenerateRequest = { model: "wan2.2-t2i-flash", prompt: "bench kitten", negativePrompt: "", width: 512, height: 512, n: 1, seed: 7, promptExtend: false, watermark: false };
const LARGE: GenerateRequest = { ...SMALL, model: "qwen-image-2.0-pro", width: 2048, height: 2048 };

const verdict = (value: number, target: number) => (value <= target ? "met" : "**missed**");

const withServers = async <T>(work: (simulator: SimulatorProcess, app: AppServer) => Promise<T>): Promise<T> => {
  const dir = mkdtempSync(join(tmpdir(), "bench-gateway-"));
  const simulator = await startSimulatorProcess(SIM_PORT, KEY);
  let app: AppServer | undefined;
  try {
    app = await startAppServer(APP_PORT, {
      ONETOKEN_API_KEY: KEY,
      ONETOKEN_BASE_URL: simulator.url,
      DATA_DIR: dir,
      RATE_LIMIT_PER_MINUTE: "10000",
      MAX_CONCURRENT_GENERATIONS: "1000",
    });
    return await work(simulator, app);
  } finally {
    app?.kill();
    simulator.kill();
    rmSync(dir, { recursive: true, force: true });
  }
};

/** One generation through the app, waiting for it, so every module and connection is warm before a measure. */
const warm = async (app: AppServer, request: GenerateRequest = SMALL) => {
  const response = await fetch(`${app.url}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json", prefer: "wait=60" },
    body: JSON.stringify(request),
  });
  const body = await response.text();
  if (response.status !== 200 || (JSON.parse(body) as { status?: string }).status !== "succeeded") throw new Error(`warm-up answered ${response.status}: ${body}`);
};

type Cannon = { p50: number; p99: number; rps: number; errors: number };

const cannon = async (url: string, headers: Record<string, string>, body: string, expect: number): Promise<Cannon> => {
  let wrong = 0;
  const result = await autocannon({
    url,
    connections: 10,
    duration: 6,
    timeout: 30,
    requests: [
      {
        method: "POST",
        headers,
        body,
        // The app answers 200 with the final record: a failed generation is not a right answer.
        onResponse: (status: number, responseBody: string) => void ((status !== expect || responseBody.includes('"status":"failed"')) && wrong++),
      },
    ],
  });
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, errors: wrong + result.errors + result.timeouts };
};

const routeOverhead = () =>
  withServers(async (simulator, app) => {
    const latency = 100;
    // Base64 answers: the image is rendered inside the gateway's answer on both paths, so the difference is
    // only what the app adds (a `url` answer would leave the baseline without the image at all).
    await simulator.configure({ latencyMs: latency, responseFormat: "b64_json" });
    await warm(app);
    const direct: Cannon[] = [];
    const viaApp: Cannon[] = [];
    // Alternated, so a slow patch of the machine lands on both sides.
    for (let run = 0; run < RUNS; run++) {
      direct.push(
        await cannon(
          `${simulator.url}/v1/images/generations`,
          { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
          JSON.stringify(buildRequestBody({ ...SMALL, seed: 7 }, "native")),
          200,
        ),
      );
      viaApp.push(await cannon(`${app.url}/api/generations`, { "content-type": "application/json", prefer: "wait=30" }, JSON.stringify(SMALL), 200));
    }
    const summary = (runs: Cannon[]) => ({
      p50: median(runs.map((run) => run.p50)),
      p99: median(runs.map((run) => run.p99)),
      rps: median(runs.map((run) => run.rps)),
      errors: runs.reduce((sum, run) => sum + run.errors, 0),
    });
    const a = summary(direct);
    const b = summary(viaApp);
    return [
      "### Route overhead: the generate route against the simulator directly",
      "",
      `autocannon, 10 connections, ${RUNS} alternating runs of 6 s each, simulator latency ${latency} ms, \`b64_json\` answers, ${SMALL.width}*${SMALL.height}, n = 1. ` +
        "The app's route is called with `Prefer: wait=30`, so its answer comes when the generation is finished: the gateway call, then the image decoded, checked, thumbnailed, written with fsync and committed, and the record answered. The direct call gets the gateway's JSON with the image inside. Medians of the runs' figures:",
      "",
      table(
        ["path", "p50", "p99", "requests/s", "unexpected answers"],
        [
          ["simulator directly (baseline)", ms(a.p50), ms(a.p99), a.rps.toFixed(1), a.errors],
          ["app: POST /api/generations, Prefer: wait", ms(b.p50), ms(b.p99), b.rps.toFixed(1), b.errors],
        ],
      ),
      "",
      table(
        ["overhead", "value", "target", "result"],
        [
          ["p50", ms(b.p50 - a.p50), "<= 2 ms", verdict(b.p50 - a.p50, 2)],
          ["p99", ms(b.p99 - a.p99), "<= 10 ms", verdict(b.p99 - a.p99, 10)],
        ],
      ),
      ...(b.p50 - a.p50 <= 2 && b.p99 - a.p99 <= 10 ? [] : ["", OVERHEAD_LIMITS]),
    ].join("\n");
  });

/** Starts `count` requests at once and answers the wall time until the last one ends. */
const burst = async (count: number, send: () => Promise<Response>, expect: number): Promise<{ wall: number; wrong: number }> => {
  const started = performance.now();
  // A 200 from the app can carry a failed record: only a finished, succeeded one counts as right.
  const right = await Promise.all(
    Array.from({ length: count }, () =>
      send().then(async (response) => {
        const body = await response.text();
        const record = body.startsWith("{") ? (JSON.parse(body) as { status?: string }) : {};
        return response.status === expect && (record.status === undefined || record.status === "succeeded");
      }),
    ),
  );
  return { wall: performance.now() - started, wrong: right.filter((ok) => !ok).length };
};

const concurrency = () =>
  withServers(async (simulator, app) => {
    const count = 200;
    await simulator.configure({ latencyMs: 1000, responseFormat: "b64_json" });
    await warm(app);
    const direct: number[] = [];
    const viaApp: number[] = [];
    let wrong = 0;
    for (let run = 0; run < RUNS; run++) {
      const a = await burst(
        count,
        () =>
          fetch(`${simulator.url}/v1/images/generations`, {
            method: "POST",
            headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
            body: JSON.stringify(buildRequestBody({ ...SMALL, seed: 7 }, "native")),
          }),
        200,
      );
      const b = await burst(
        count,
        () => fetch(`${app.url}/api/generations`, { method: "POST", headers: { "content-type": "application/json", prefer: "wait=60" }, body: JSON.stringify(SMALL) }),
        200,
      );
      direct.push(a.wall);
      viaApp.push(b.wall);
      wrong += a.wrong + b.wrong;
    }
    const wall = median(viaApp);
    return [
      `### ${count} generations at once`,
      "",
      `${count} requests started together, simulator latency 1 s, \`b64_json\` answers (the simulator renders every PNG on both paths), ${SMALL.width}*${SMALL.height}; the app's with \`Prefer: wait=60\` (answered once each image is stored). Wall time until the last answer, median of ${RUNS} runs. Answers other than 200: ${wrong}.`,
      "",
      table(
        ["path", "wall (median)", "runs", "target", "result"],
        [
          ["simulator directly (baseline)", ms(median(direct)), direct.map((value) => value.toFixed(0)).join(", "), "", ""],
          ["app", ms(wall), viaApp.map((value) => value.toFixed(0)).join(", "), "<= 1300 ms", verdict(wall, 1300)],
        ],
      ),
      ...(wall <= 1300 ? [] : ["", CONCURRENCY_LIMITS]),
    ].join("\n");
  });

const memory = async () => {
  const rows: Array<Array<string | number>> = [];
  const peaks: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // A fresh server each run: the kernel's peak (VmHWM) only ever grows.
    const row = await withServers(async (simulator, app) => {
      await simulator.configure({ latencyMs: 0, responseFormat: "b64_json" });
      await warm(app);
      const idle = rss(app.pid).now;
      const result = await burst(
        20,
        () => fetch(`${app.url}/api/generations`, { method: "POST", headers: { "content-type": "application/json", prefer: "wait=60" }, body: JSON.stringify(LARGE) }),
        200,
      );
      const { peak } = rss(app.pid);
      peaks.push(peak);
      return [run + 1, mb(idle), mb(peak), mb(peak - idle), ms(result.wall), result.wrong];
    });
    rows.push(row);
  }
  const peak = median(peaks);
  return [
    "### Peak memory with 20 large base64 answers at once",
    "",
    `20 generations started together, each answered by the simulator as one ${LARGE.width}*${LARGE.height} PNG in \`b64_json\` (about 5 to 6 MB of base64 each), through a fresh \`next start\` per run. RSS of the server process from /proc (VmHWM is the kernel's own peak).`,
    "",
    table(["run", "idle RSS (baseline)", "peak RSS", "growth", "wall", "answers other than 200"], rows),
    "",
    table(["figure", "value", "target", "result"], [["peak RSS (median)", mb(peak), "<= 400 MB", verdict(peak, 400 * 1024 * 1024)]]),
  ].join("\n");
};

/** Where the overhead goes: the app's own steps for one image, timed in-process. */
const stepCosts = async () => {
  const dir = mkdtempSync(join(tmpdir(), "bench-steps-"));
  const storage = await openStorage(dir);
  try {
    const rows: Array<[string, string]> = [];
    for (const size of [512, 2048]) {
      const png = await renderImage({ model: SMALL.model, prompt: "steps", seed: 1, width: size, height: size, index: 0 });
      const base64 = png.toString("base64");
      const decode: number[] = [];
      const processing: number[] = [];
      const writing: number[] = [];
      for (let run = 0; run < 15; run++) {
        let started = performance.now();
        const bytes = Buffer.from(base64, "base64");
        decode.push(performance.now() - started);
        started = performance.now();
        const processed = await processImage(bytes);
        processing.push(performance.now() - started);
        started = performance.now();
        await storage.images.put(randomUUID(), bytes, processed.thumbnail);
        writing.push(performance.now() - started);
      }
      rows.push(
        [`${size}*${size}: base64 decode`, ms(median(decode))],
        [`${size}*${size}: check and thumbnail (sharp, WebP 480 px)`, ms(median(processing))],
        [`${size}*${size}: write image and thumbnail (fsync, rename)`, ms(median(writing))],
      );
    }
    return ["Where the app's time goes, per image (in-process, median of 15):", "", table(["step", "median"], rows)].join("\n");
  } finally {
    await storage.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

export const benchGateway = async (): Promise<string> =>
  [await routeOverhead(), await stepCosts(), await concurrency(), await memory()].join("\n\n");
