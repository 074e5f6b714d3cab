import { rmSync } from "node:fs";
import { buildOnce } from "./build";
import { resolve } from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { startAppServer } from "../e2e/server-process";
import { CHROMIUM_PATH } from "../e2e/ports";
import { startEmptyNext } from "./empty-next";
import { median, ms, table } from "./stats";

const RUNS = 9;
const PORT = 3388;
const EMPTY_PORT = 3389;
/** Lighthouse's mobile profile slows the CPU four times; so does this, with no network throttling. */
const CPU_SLOWDOWN = 4;

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number };
type Load = { busy: number; blocking: number; longest: number; tasks: number; lcp: number };

/**
 * One load of `url` in a fresh context, traced: the main thread's tasks from the first contentful paint until
 * the page has been quiet for 1.5 s after the network went idle. Blocking is each task's time past 50 ms,
 * summed, as Total Blocking Time counts it.
 */
const load = async (browser: Browser, url: string): Promise<Load> => {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "loading", "blink.user_timing"] });
    await page.goto(url, { waitUntil: "networkidle" });
    await page.waitForTimeout(1500);
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    const paints = traceEvents.filter((event) => event.name === "largestContentfulPaint::Candidate");
    const first = traceEvents.find((event) => event.name === "firstContentfulPaint");
    const main = paints[0];
    if (!first || !main) throw new Error(`no paint was traced on ${url}`);
    const start = traceEvents.filter((event) => event.name === "navigationStart" && event.ts <= first.ts).at(-1)?.ts ?? first.ts;
    const tasks = traceEvents
      .filter((event) => event.pid === main.pid && event.tid === main.tid && event.name === "RunTask" && event.ph === "X" && event.ts >= first.ts)
      .map((event) => (event.dur ?? 0) / 1000);
    return {
      busy: tasks.reduce((sum, task) => sum + task, 0),
      blocking: tasks.reduce((sum, task) => sum + Math.max(0, task - 50), 0),
      longest: Math.max(0, ...tasks),
      tasks: tasks.filter((task) => task > 50).length,
      lcp: ((paints.at(-1)?.ts ?? first.ts) - start) / 1000,
    };
  } finally {
    await context.close();
  }
};

/**
 * The main thread's work on a first load of `/` beside an empty page built by the same Next, under a 4x CPU
 * slowdown, alternating pages load by load so both see the machine in the same state. Steadier than
 * Lighthouse's scores on this machine, and what a change to the first screen's script is judged by.
 */
export const benchMainThread = async (): Promise<string> => {
  const dataDir = resolve(".data/bench-main-thread");
  rmSync(dataDir, { recursive: true, force: true });
  buildOnce();
  const app = await startAppServer(PORT, { DATA_DIR: dataDir });
  const empty = await startEmptyNext(EMPTY_PORT);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  try {
    const ours: Load[] = [];
    const baseline: Load[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Which page goes first alternates too: the second load of a pair can find the machine warmer.
      const pair = [() => load(browser, app.url).then((result) => ours.push(result)), () => load(browser, empty.url).then((result) => baseline.push(result))];
      for (const step of run % 2 ? pair.reverse() : pair) await step();
    }
    const row = (page: string, loads: readonly Load[]) => [
      page,
      ms(median(loads.map((entry) => entry.busy))),
      ms(median(loads.map((entry) => entry.blocking))),
      median(loads.map((entry) => entry.tasks)),
      ms(median(loads.map((entry) => entry.longest))),
      ms(median(loads.map((entry) => entry.lcp))),
    ];
    return [
      "### The first load's main thread",
      "",
      `Debian Chromium at 412*823, its CPU slowed ${CPU_SLOWDOWN}x (no network throttling), a fresh context per load, traced from the first contentful paint until 1.5 s after the network went quiet; the production build beside an empty page built by the same Next, alternating, median of ${RUNS} each. Blocking is each task's time past 50 ms, summed (as Total Blocking Time counts it). What the time goes to, and what was tried: docs/first-screen.md.`,
      "",
      table(["page", "main-thread work", "blocking", "tasks over 50 ms", "longest task", "LCP"], [row("the playground, `/`", ours), row("empty Next page (baseline)", baseline)]),
      "",
    ].join("\n");
  } finally {
    await browser.close();
    app.kill();
    empty.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
