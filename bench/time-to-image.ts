import { buildOnce } from "./build";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "@playwright/test";
import { PlaygroundPage } from "../e2e/fixtures";
import { CHROMIUM_PATH } from "../e2e/ports";
import { startAppServer } from "../e2e/server-process";
import type { GenerationView, StepTimings } from "../lib/generation/view";
import { startSimulatorProcess } from "./processes";
import { median, ms, percentile, table } from "./stats";

const APP_PORT = 3393;
const SIMULATOR_PORT = 4393;
const KEY = "sk-bench-time-to-image";
const GATEWAY_MS = 1500;
const RUNS = 8;
const SIZE = "1280*1280";

type Run = { start: number; shown: number; painted: number; timings: StepTimings };

/**
 * Clicks Generate and answers, in the page's own clock (the epoch, as the server's): when the click was, when
 * the result's image element appeared, and when that image was decoded and a frame painted after it.
 */
const generateAndTime = async (page: Page, prompt: string): Promise<{ id: string; start: number; shown: number; painted: number }> =>
  // A string, not a function: the bundler running this file would wrap named functions in a helper the
  // page does not have.
  page.evaluate(`new Promise((resolve) => {
    const text = ${JSON.stringify(prompt)};
    const clock = () => performance.timeOrigin + performance.now();
    const button = [...document.querySelectorAll("button")].find((candidate) => candidate.textContent.trim() === "Generate");
    let start = 0;
    const watch = new MutationObserver(() => {
      const card = [...document.querySelectorAll("article")].find((article) => article.textContent.includes(text));
      const image = card && card.querySelector("img");
      if (!image) return;
      watch.disconnect();
      const shown = clock();
      const painted = () => image.decode().catch(() => undefined).then(() =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve({ id: card.id.replace(/^generation-/, ""), start, shown, painted: clock() }))));
      if (image.complete && image.naturalWidth > 0) painted();
      else image.addEventListener("load", painted, { once: true });
    });
    watch.observe(document.body, { subtree: true, childList: true, attributes: true });
    start = clock();
    button.click();
  })`);

/**
 * From the click on Generate to the image painted, minus the gateway's own time, for a 1280*1280 result given
 * as a link: the page with its live stream against the same page made to poll (its stream blocked), in
 * alternating runs, with where the time goes step by step.
 */
export const benchTimeToImage = async (): Promise<string> => {
  buildOnce();
  const dir = mkdtempSync(join(tmpdir(), "bench-tti-"));
  const simulator = await startSimulatorProcess(SIMULATOR_PORT, KEY, { SIMULATOR_LATENCY_MS: String(GATEWAY_MS), SIMULATOR_RESPONSE_FORMAT: "url" });
  const app = await startAppServer(APP_PORT, { ONETOKEN_API_KEY: KEY, ONETOKEN_BASE_URL: simulator.url, DATA_DIR: dir, RATE_LIMIT_PER_MINUTE: "10000" });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    const modes = [
      { name: "live stream", blockStream: false },
      { name: "polling once a second (the stream blocked; baseline)", blockStream: true },
    ] as const;
    const pages = await Promise.all(
      modes.map(async ({ blockStream }) => {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: app.url });
        if (blockStream) await context.route((url) => url.pathname === "/api/events", (route) => route.abort());
        const playground = new PlaygroundPage(await context.newPage());
        await playground.open();
        await playground.sizePreset(SIZE).check();
        return playground;
      }),
    );
    const runs: Run[][] = modes.map(() => []);
    // One warm-up each (modules loaded, the stream open), then alternating runs.
    for (let round = -1; round < RUNS; round++) {
      for (const [index, playground] of pages.entries()) {
        const prompt = `Time to image ${index} ${round} ${Date.now()}`;
        await playground.prompt.fill(prompt);
        const { id, ...times } = await generateAndTime(playground.page, prompt);
        const view = (await (await playground.page.request.get(`/api/generations/${id}`)).json()) as GenerationView;
        if (!view.timings) throw new Error(`no timings on ${id}`);
        if (round >= 0) runs[index]?.push({ ...times, timings: view.timings });
      }
    }

    const toImage = (run: Run) => run.painted - run.start - (run.timings.answeredAt - run.timings.sentAt);
    const summary = modes.map((mode, index) => {
      const values = (runs[index] ?? []).map(toImage);
      return [mode.name, ms(percentile(values, 50)), ms(percentile(values, 90)), values.map((value) => value.toFixed(0)).join(", ")];
    });
    const live = (runs[0] ?? []).map(toImage);
    const steps: Array<[string, (run: Run) => number]> = [
      ["click to request sent to the gateway (the route, the record, the admission)", (run) => run.timings.sentAt - run.start],
      ["the gateway's own time (left out of the figures above)", (run) => run.timings.answeredAt - run.timings.sentAt],
      ["answer to image downloaded (over loopback)", (run) => run.timings.downloadedAt - run.timings.answeredAt],
      ["downloaded to checked, thumbnailed and written (fsync)", (run) => run.timings.storedAt - run.timings.downloadedAt],
      ["written to the result on the page (commit, then the event or the next poll, then React)", (run) => run.shown - run.timings.storedAt],
      ["on the page to painted (the thumbnail fetched and decoded)", (run) => run.painted - run.shown],
    ];
    return [
      "### Time to image",
      "",
      `From the click on Generate to the image painted, minus the gateway's own time (its answer's arrival less the request's departure), for a ${SIZE} result that the gateway gives as a link; the simulator takes ${GATEWAY_MS} ms and has the file ready when it answers. Debian Chromium headless at 1440*900, the production build, ${RUNS} runs of each page alternating after one warm-up each.`,
      "",
      table(["page", "p50", "p90", "runs (ms)"], summary),
      "",
      table(
        ["figure", "value", "target", "result"],
        [
          ["p50, live stream", ms(percentile(live, 50)), "<= 150 ms", percentile(live, 50) <= 150 ? "met" : "**missed**"],
          ["p90, live stream", ms(percentile(live, 90)), "<= 300 ms", percentile(live, 90) <= 300 ? "met" : "**missed**"],
        ],
      ),
      "",
      "Where the time goes (medians):",
      "",
      table(
        ["step", ...modes.map((mode) => mode.name)],
        steps.map(([name, step]) => [name, ...modes.map((_, index) => ms(median((runs[index] ?? []).map(step))))]),
      ),
    ].join("\n");
  } finally {
    await browser.close();
    app.kill();
    simulator.kill();
    rmSync(dir, { recursive: true, force: true });
  }
};
