import { rmSync } from "node:fs";
import { buildOnce } from "./build";
import { resolve } from "node:path";
import { chromium, type Page } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { startAppServer } from "../e2e/server-process";
import { CHROMIUM_PATH } from "../e2e/ports";
import { startEmptyNext } from "./empty-next";
import { lcpParts, type LcpParts } from "./lantern-lcp";
import { median, ms, table } from "./stats";

const RUNS = 5;
const PORT = 3396;
const EMPTY_PORT = 3397;

/**
 * Lighthouse's mobile profile either simulates the slow phone from a fast load (its default) or applies the
 * throttling to a real load. On loopback the two disagree about LCP: the simulation rebuilds the load from a
 * fast one, where the scripts have all arrived before the first paint, and waits for the small ones (see
 * `lcpParts`), while a throttled load paints before they arrive. Both are measured; the default is the
 * issue's figure.
 */
type Method = "simulate" | "devtools";
const METHODS: ReadonlyArray<{ method: Method; title: string }> = [
  { method: "simulate", title: "simulated throttling (Lighthouse's default, the issue's figure)" },
  { method: "devtools", title: "applied throttling (the same profile's network and 4x CPU slowdown, applied to a real load)" },
];
const scoreLimits = (method: Method, audits: readonly Audit[]) => {
  const tbt = audits.map((entry) => entry.tbt);
  const lcp = `${(median(audits.map((entry) => entry.lcp)) / 1000).toFixed(1)} s at the median`;
  const paint =
    method === "simulate"
      ? `In the simulation the LCP (${lcp}) is the end of the requests and tasks in the table below: the HTML (the stylesheet travels in it twice: docs/first-screen.md), the main thread's tasks before the paint, slowed 4x, and the downloads of the scripts it takes as render-blocking. Lantern, the simulation, leaves tasks under 10 ms out of its graph, so a small script that had finished loading before the paint observed in the fast load counts as blocking that paint even when it ran after it.`
      : `Throttled for real, the LCP (${lcp}) waits for the HTML (the stylesheet is in it) and for the form's first style and layout under the slowdown, not for the scripts.`;
  return `What limits it, when missed: under Lighthouse's 4x CPU slowdown the main thread is blocked ${Math.min(...tbt).toFixed(0)} to ${Math.max(...tbt).toFixed(0)} ms by script (Total Blocking Time): evaluating the page's JavaScript and hydrating the form, where the empty page hydrates one element. The largest paint is the prompt box's placeholder. ${paint} Runs spread by several points on this 2-core machine.`;
};

type Audit = { score: number; cls: number; lcp: number; tbt: number; fcp: number; parts: LcpParts | null };

/** Lighthouse 12's mobile profile on `/`, in Debian's Chromium, its throttling simulated or applied. */
const audit = async (url: string, method: Method): Promise<Audit> => {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"], throttlingMethod: method });
    const lhr = result?.lhr;
    if (!lhr) throw new Error("Lighthouse returned no report");
    const value = (id: string) => Number(lhr.audits[id]?.numericValue ?? Number.NaN);
    return {
      score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      cls: value("cumulative-layout-shift"),
      lcp: value("largest-contentful-paint"),
      tbt: value("total-blocking-time"),
      fcp: value("first-contentful-paint"),
      // A run Lighthouse could not finish has no trace to take apart (its metrics are NaN: run again).
      parts: method === "simulate" && !lhr.runtimeError ? await lcpParts(result) : null,
    };
  } finally {
    chrome.kill();
  }
};

type Shifts = { all: number; unexpected: number };
/** Collects layout shifts from now on, or (buffered) from the page's start as well. */
const shiftWatch = (buffered: boolean) => `window.shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.shifts.push({ value: entry.value, recent: entry.hadRecentInput });
}).observe({ type: "layout-shift", buffered: ${buffered} });`;
const sumShifts = async (page: Page): Promise<Shifts> => {
  const shifts = (await page.evaluate("window.shifts")) as Array<{ value: number; recent: boolean }>;
  return {
    all: shifts.reduce((sum, shift) => sum + shift.value, 0),
    unexpected: shifts.filter((shift) => !shift.recent).reduce((sum, shift) => sum + shift.value, 0),
  };
};

/** Reloads of a history, each with the CPU slowed as Lighthouse's mobile profile slows it. */
const RELOADS = 10;
type ReloadShifts = { worst: Shifts; shifted: number };

/**
 * Layout shifts from the browser's own layout-shift entries (every shift counts here, even those right after
 * a click that Lighthouse's CLS forgives): while a generation runs and its result arrives on an empty
 * history (the cards' code loads then), and on reloads of that history (the list waits for the cards). The
 * reloads run with a 4x CPU slowdown, where a page painted before it is fully parsed would show its shifts.
 */
const shiftsOfHistory = async (url: string): Promise<{ generating: Shifts; reload: ReloadShifts }> => {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url, { waitUntil: "networkidle" });
    await page.evaluate(shiftWatch(false));
    await page.getByRole("form", { name: "Generation settings" }).getByLabel("Prompt", { exact: true }).fill("A lantern festival over a river");
    await page.getByRole("button", { name: "Generate", exact: true }).click();
    await page.getByRole("article").first().getByRole("img").first().waitFor();
    await page.waitForTimeout(500);
    const generating = await sumShifts(page);
    await page.addInitScript(shiftWatch(true));
    const cdp = await page.context().newCDPSession(page);
    const reloads: Shifts[] = [];
    for (let run = 0; run < RELOADS; run++) {
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      await page.reload({ waitUntil: "networkidle" });
      await page.getByRole("article").first().getByRole("img").first().waitFor();
      await page.waitForTimeout(500);
      reloads.push(await sumShifts(page));
    }
    const worst = reloads.reduce((a, b) => (b.unexpected > a.unexpected ? b : a));
    return { generating, reload: { worst, shifted: reloads.filter((entry) => entry.unexpected > 0).length } };
  } finally {
    await browser.close();
  }
};

const ratio = (ours: number, baseline: number) => `${(ours / baseline).toFixed(2)}x`;

type Runs = { ours: Audit[]; empty: Audit[] };
const medians = (list: readonly Audit[]) => ({
  score: median(list.map((entry) => entry.score)),
  cls: median(list.map((entry) => entry.cls)),
  lcp: median(list.map((entry) => entry.lcp)),
  tbt: median(list.map((entry) => entry.tbt)),
  fcp: median(list.map((entry) => entry.fcp)),
});

/** One throttling method's runs as a table, then the targets against the empty page's medians. */
const methodReport = (method: Method, title: string, audits: Runs, shifts?: { generating: Shifts; reload: ReloadShifts }): string[] => {
  const ours = medians(audits.ours);
  const baseline = medians(audits.empty);
  const figures: Array<[string, string, string, boolean]> = [
    ["performance score (median)", `${ours.score} (empty page ${baseline.score})`, "within 3 points of the empty page", ours.score >= baseline.score - 3],
    ["Total Blocking Time (median)", `${ms(ours.tbt)}, ${ratio(ours.tbt, Math.max(baseline.tbt, 1))} the empty page's ${ms(baseline.tbt)}`, "<= 1.5x", ours.tbt <= 1.5 * baseline.tbt],
    ["Largest Contentful Paint (median)", `${ms(ours.lcp)}, ${ratio(ours.lcp, baseline.lcp)} the empty page's ${ms(baseline.lcp)}`, "<= 1.5x", ours.lcp <= 1.5 * baseline.lcp],
    ["CLS on load (median)", ours.cls.toFixed(3), "0", ours.cls === 0],
    ...(shifts
      ? ([
          ["CLS while generating on an empty history", String(shifts.generating.unexpected), "0", shifts.generating.unexpected === 0],
          [`CLS on ${RELOADS} reloads with a history (CPU slowed 4x), the worst`, String(shifts.reload.worst.unexpected), "0", shifts.reload.worst.unexpected === 0],
        ] satisfies Array<[string, string, string, boolean]>)
      : []),
  ];
  const row = (page: string, entry: Audit, index: number) => [page, index + 1, entry.score, entry.cls.toFixed(3), ms(entry.lcp), ms(entry.tbt), ms(entry.fcp)];
  return [
    `#### ${title[0]?.toUpperCase()}${title.slice(1)}`,
    "",
    table(
      ["page", "run", "performance", "CLS", "LCP", "TBT", "FCP"],
      [...audits.ours.map((entry, index) => row("the playground", entry, index)), ...audits.empty.map((entry, index) => row("empty Next page (baseline)", entry, index))],
    ),
    "",
    table(["figure", "value", "target", "result"], figures.map(([name, value, target, met]) => [name, value, target, met ? "met" : "**missed**"])),
    ...(figures.every(([, , , met]) => met) ? [] : ["", scoreLimits(method, audits.ours)]),
    "",
    ...(method === "simulate" ? partsTable(audits) : []),
  ];
};

/** What each page's simulated LCP waited for, medians of its runs. */
const partsTable = (audits: Runs): string[] => {
  const row = (page: string, list: readonly Audit[]) => {
    const parts = list.flatMap((entry) => (entry.parts ? [entry.parts] : []));
    const of = (pick: (part: LcpParts) => number) => median(parts.map(pick));
    return [page, ms(of((part) => part.htmlEnd)), `${(of((part) => part.htmlBytes) / 1000).toFixed(1)} kB`, ms(of((part) => part.cpu)), of((part) => part.scripts), ms(of((part) => part.scriptsEnd)), ms(median(list.map((entry) => entry.lcp)))];
  };
  return [
    "What the simulated LCP waited for (medians; Lighthouse's own graph of its pessimistic estimate, which holds the optimistic one's):",
    "",
    table(
      ["page", "HTML whole at", "HTML on the wire", "main-thread tasks (simulated)", "scripts waited for", "last of them loaded at", "LCP"],
      [row("the playground", audits.ours), row("empty Next page (baseline)", audits.empty)],
    ),
    "",
  ];
};

/**
 * Lighthouse on `/` beside an empty page built by the same Next, alternating, so both see the machine in the
 * same state; the goal is a score within 3 points of the empty page's, and TBT and LCP at most 1.5x.
 */
export const benchLighthouse = async (): Promise<string> => {
  const dataDir = resolve(".data/bench-lighthouse");
  rmSync(dataDir, { recursive: true, force: true });
  // The offline demo with the embedded simulator answering in 1.5 s: long enough to watch the layout.
  buildOnce();
  const app = await startAppServer(PORT, { DATA_DIR: dataDir, SIMULATOR_LATENCY_MS: "1500" });
  const empty = await startEmptyNext(EMPTY_PORT);
  try {
    const audits = new Map<Method, Runs>(METHODS.map(({ method }) => [method, { ours: [], empty: [] }]));
    let failures = 0;
    const complete = () => [...audits.values()].every((runs) => runs.ours.length >= RUNS && runs.empty.length >= RUNS);
    while (!complete() && failures < RUNS) {
      // A run Lighthouse itself could not finish (it reports a runtime error) is run again, and counted.
      for (const [method, runs] of audits)
        for (const [which, url] of [["ours", app.url], ["empty", empty.url]] as const) {
          if (runs[which].length >= RUNS) continue;
          const result = await audit(url, method);
          if (Number.isFinite(result.cls)) runs[which].push(result);
          else failures++;
        }
    }
    const shifts = await shiftsOfHistory(app.url);
    return [
      "### Lighthouse on `/`",
      "",
      `Lighthouse ${(await import("lighthouse/package.json", { with: { type: "json" } })).default.version}, its mobile profile, Debian Chromium headless, the production build (\`next start\`) beside an empty page built by the same Next, alternating pages and throttling methods, ${RUNS} runs of each (${failures} more that Lighthouse could not finish were run again). The page's CSS is inlined in its HTML (Next's \`inlineCss\`), so the first paint waits for no other request. Scores of the same page spread by several points on this 2-core machine: compare the figures side by side in one run. What the time goes to, and what was tried: docs/first-screen.md.`,
      "",
      ...METHODS.flatMap(({ method, title }, index) => methodReport(method, title, audits.get(method) ?? { ours: [], empty: [] }, index === 0 ? shifts : undefined)),
      `Layout shifts (1440*900): one generation on an empty history from click to stored image, then 0.5 s: ${shifts.generating.unexpected} not following an input (what CLS counts), ${shifts.generating.all.toPrecision(2)} with the ones within 0.5 s of the click (CLS leaves those out: the page answering a click); ${RELOADS} reloads of that history with the CPU slowed 4x, each until its image shows, then 0.5 s: ${shifts.reload.shifted} of them shifted, the worst by ${shifts.reload.worst.unexpected} (${shifts.reload.worst.all.toPrecision(2)} in all).`,
    ].join("\n");
  } finally {
    app.kill();
    empty.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
