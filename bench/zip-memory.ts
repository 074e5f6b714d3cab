import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { toBatchRequest } from "../lib/batch/batch-request";
import { rowsFromCsv, type BatchDefaults } from "../lib/batch/batch-rows";
import type { ComparisonView } from "../lib/generation/view";
import { startAppServer } from "../e2e/server-process";
import { mb, rss } from "./processes";
import { table } from "./stats";

const PORT = 3395;
const ROWS = 100;
const DEFAULTS: BatchDefaults = { model: "qwen-image-2.0-pro", aspect: "1:1", n: 1, seed: null, promptExtend: false, watermark: false };

/** Makes `batches` batches of 100 images each (512*512, the smallest size a model takes), and waits for them. */
const makeBatches = async (url: string, batches: number, from: number): Promise<string[]> => {
  const ids: string[] = [];
  for (let batch = 0; batch < batches; batch++) {
    const csv = ["prompt,size", ...Array.from({ length: ROWS }, (_, row) => `A numbered tile ${from + batch * ROWS + row},512*512`)].join("\n");
    const body = toBatchRequest(`Tiles ${from + batch}`, "csv", rowsFromCsv(csv, DEFAULTS));
    const response = await fetch(`${url}/api/batches`, { method: "POST", headers: { "content-type": "application/json", prefer: "wait=600" }, body: JSON.stringify(body) });
    const set = (await response.json()) as ComparisonView;
    if (!response.ok || set.columns.some((column) => column.generation.status !== "succeeded")) throw new Error(`a batch did not finish: ${response.status}`);
    ids.push(set.id);
  }
  return ids;
};

type Zipped = { images: number; bytes: number; growth: number; seconds: number };

/** Downloads the selection's zip, reading the server's resident memory every 20 ms while it streams. */
const zipOf = async (url: string, pid: number, ids: readonly string[]): Promise<Zipped> => {
  const before = rss(pid).now;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rss(pid).now);
  }, 20);
  const started = performance.now();
  const response = await fetch(`${url}/api/takeaway/zip?items=${ids.map((id) => `comparison:${id}`).join(",")}`);
  const reader = response.body?.getReader();
  if (!response.ok || !reader) throw new Error(`the zip was refused: ${response.status}`);
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  clearInterval(sampler);
  return { images: ids.length * ROWS, bytes, growth: Math.max(0, peak - before), seconds: (performance.now() - started) / 1000 };
};

/**
 * The memory a zip of a thousand images takes on the server (ten batches of a hundred, taken away as one
 * selection), beside a zip of a hundred in the same run: a zip streamed one image at a time grows by about
 * the same whatever its size, where one built in memory would grow by the size of the file.
 */
export const benchZipMemory = async (): Promise<string> => {
  const dataDir = resolve(".data/bench-zip-memory");
  rmSync(dataDir, { recursive: true, force: true });
  const app = await startAppServer(PORT, { DATA_DIR: dataDir, SIMULATOR_LATENCY_MS: "0", MAX_CONCURRENT_GENERATIONS: "4", RATE_LIMIT_PER_MINUTE: "10000" });
  try {
    const ids = await makeBatches(app.url, 10, 0);
    // Each zip read once before it is measured, so both find the route's code loaded and the files in the page cache.
    await zipOf(app.url, app.pid, ids.slice(0, 1));
    await zipOf(app.url, app.pid, ids);
    const small = await zipOf(app.url, app.pid, ids.slice(0, 1));
    const large = await zipOf(app.url, app.pid, ids);
    const bound = 64 * 1024 * 1024;
    const row = (name: string, zipped: Zipped) => [name, zipped.images, mb(zipped.bytes), mb(zipped.growth), `${zipped.seconds.toFixed(1)} s`];
    return [
      "### Memory while zipping a thousand images",
      "",
      "`GET /api/takeaway/zip` of a selection of batches (100 images of 512*512 each, made by the simulator), through `next start`. Growth: the server's resident memory (VmRSS from /proc, read every 20 ms) at its highest while the zip streamed, less what it was just before. Each zip was read once before it was measured.",
      "",
      table(["zip", "images", "file", "memory growth", "time"], [row("one batch (baseline)", small), row("ten batches", large)]),
      "",
      table(["figure", "value", "bound", "result"], [["memory growth, 1,000 images", mb(large.growth), `<= ${mb(bound)} (the file is ${mb(large.bytes)})`, large.growth <= bound ? "met" : "**missed**"]]),
    ].join("\n");
  } finally {
    app.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
