import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { startAppServer } from "../e2e/server-process";
import { CHROMIUM_PATH } from "../e2e/ports";
import { median, ms, table } from "./stats";

const RUNS = 5;
const scoreLimits = (audits: readonly Audit[]) =>
  `What limits the score, when missed: under Lighthouse's 4x CPU slowdown the main thread is blocked ${Math.min(...audits.map((entry) => entry.tbt)).toFixed(0)} to ${Math.max(...audits.map((entry) => entry.tbt)).toFixed(0)} ms by script (Total Blocking Time), running JavaScript of which an empty Next page already sends about two thirds (see the first-load table); the largest paint comes at ${(median(audits.map((entry) => entry.lcp)) / 1000).toFixed(1)} s at the median on the simulated slow phone. Runs spread by several points on this 2-core machine.`;
const PORT = 3396;

type Audit = { score: number; cls: number; lcp: number; tbt: number; fcp: number };

/** Lighthouse 12's default run (mobile, simulated throttling) on `/`, in Debian's Chromium. */
const audit = async (url: string): Promise<Audit> => {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
    const lhr = result?.lhr;
    if (!lhr) throw new Error("Lighthouse returned no report");
    const value = (id: string) => Number(lhr.audits[id]?.numericValue ?? Number.NaN);
    return {
      score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      cls: value("cumulative-layout-shift"),
      lcp: value("largest-contentful-paint"),
      tbt: value("total-blocking-time"),
      fcp: value("first-contentful-paint"),
    };
  } finally {
    chrome.kill();
  }
};

/**
 * Layout shifts while a generation runs and its result arrives, from the browser's own layout-shift entries:
 * every shift counts here, even those right after the click that Lighthouse's CLS forgives.
 */
const shiftsWhileGenerating = async (url: string): Promise<{ all: number; unexpected: number }> => {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url, { waitUntil: "networkidle" });
    await page.evaluate(() => {
      const store = window as unknown as { shifts: Array<{ value: number; recent: boolean }> };
      store.shifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
          store.shifts.push({ value: entry.value, recent: entry.hadRecentInput });
        }
      }).observe({ type: "layout-shift" });
    });
    await page.getByRole("form", { name: "Generation settings" }).getByLabel("Prompt", { exact: true }).fill("A lantern festival over a river");
    await page.getByRole("button", { name: "Generate", exact: true }).click();
    await page.getByRole("article").first().getByRole("img").first().waitFor();
    await page.waitForTimeout(500);
    const shifts = await page.evaluate(() => (window as unknown as { shifts: Array<{ value: number; recent: boolean }> }).shifts);
    return {
      all: shifts.reduce((sum, shift) => sum + shift.value, 0),
      unexpected: shifts.filter((shift) => !shift.recent).reduce((sum, shift) => sum + shift.value, 0),
    };
  } finally {
    await browser.close();
  }
};

export const benchLighthouse = async (): Promise<string> => {
  const dataDir = resolve(".data/bench-lighthouse");
  rmSync(dataDir, { recursive: true, force: true });
  // The offline demo with the embedded simulator answering in 1.5 s: long enough to watch the layout.
  const app = await startAppServer(PORT, { DATA_DIR: dataDir, SIMULATOR_LATENCY_MS: "1500" });
  try {
    const audits: Audit[] = [];
    let failures = 0;
    while (audits.length < RUNS && failures < RUNS) {
      // A run Lighthouse itself could not finish (it reports a runtime error) is run again, and counted.
      const result = await audit(app.url);
      if (Number.isFinite(result.cls)) audits.push(result);
      else failures++;
    }
    const shifts = await shiftsWhileGenerating(app.url);
    const score = median(audits.map((entry) => entry.score));
    const cls = median(audits.map((entry) => entry.cls));
    return [
      "### Lighthouse on `/`",
      "",
      `Lighthouse ${(await import("lighthouse/package.json", { with: { type: "json" } })).default.version}, its default mobile profile with simulated throttling, Debian Chromium headless, the production build (\`next start\`), ${audits.length} runs (${failures} more that Lighthouse could not finish were run again):`,
      "",
      table(
        ["run", "performance", "CLS", "LCP", "TBT", "FCP"],
        audits.map((entry, index) => [index + 1, entry.score, entry.cls.toFixed(3), ms(entry.lcp), ms(entry.tbt), ms(entry.fcp)]),
      ),
      "",
      `Layout shifts while a generation runs (1440*900, one generation from click to stored image, then 0.5 s): ${shifts.unexpected} not following an input (what CLS counts), ${shifts.all.toPrecision(2)} with the ones within 0.5 s of the click (CLS leaves those out: the page answering a click).`,
      "",
      table(
        ["figure", "value", "target", "result"],
        [
          ["performance score (median)", score, ">= 95", score >= 95 ? "met" : "**missed**"],
          ["CLS on load (median)", cls.toFixed(3), "0", cls === 0 ? "met" : "**missed**"],
          ["CLS while generating", String(shifts.unexpected), "0", shifts.unexpected === 0 ? "met" : "**missed**"],
        ],
      ),
      ...(score >= 95 ? [] : ["", scoreLimits(audits)]),
    ].join("\n");
  } finally {
    app.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
