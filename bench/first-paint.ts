import { buildOnce } from "./build";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { startAppServer } from "../e2e/server-process";
import { CHROMIUM_PATH } from "../e2e/ports";
import { kb, median, ms, table } from "./stats";
import { seedHistory } from "./seed-history";

const ITEMS = 1_000;
const RUNS = 5;
const PORT = 3390;
const EMPTY_PORT = 3391;

/**
 * Opens the playground on a history of 1,000 generations in a fresh browser context (empty cache) and
 * measures what the first screen costs: paint timings, and the bytes of the thumbnails it loads against
 * what the same images would cost at full size, beside the same page on an empty history.
 */
export const benchFirstPaint = async (): Promise<string> => {
  buildOnce();
  const dir = mkdtempSync(join(tmpdir(), "bench-paint-"));
  const emptyDir = mkdtempSync(join(tmpdir(), "bench-paint-empty-"));
  // Each thing started is stopped, last first, whatever fails after it.
  const stops: (() => unknown)[] = [() => rmSync(dir, { recursive: true, force: true }), () => rmSync(emptyDir, { recursive: true, force: true })];
  try {
    const storage = await seedHistory(dir, ITEMS);
    const fullSizes = new Map<string, number>();
    for (const item of (await storage.store.list({ limit: 100 })).items) {
      const generations = item.kind === "generation" ? [item] : item.columns.map((column) => column.generation);
      for (const image of generations.flatMap((generation) => generation.images)) fullSizes.set(image.id, (await storage.store.image(image.id))?.bytes ?? 0);
    }
    await storage.store.close();
    const server = await startAppServer(PORT, { DATA_DIR: dir });
    stops.push(() => server.kill());
    const emptyServer = await startAppServer(EMPTY_PORT, { DATA_DIR: emptyDir });
    stops.push(() => emptyServer.kill());
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"],
    });
    stops.push(() => browser.close());
    return await measureFirstPaint(browser, server.url, emptyServer.url, fullSizes);
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
};

const measureFirstPaint = async (browser: Browser, url: string, emptyUrl: string, fullSizes: Map<string, number>): Promise<string> => {
  type Visit = Record<"fcp" | "domContentLoaded" | "thumbsDone" | "cards" | "thumbs" | "thumbBytes" | "fullBytes" | "other", number>;
  const visit = async (url: string): Promise<Visit> => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const page = await context.newPage();
      const thumbs = new Map<string, number>();
      let other = 0;
      page.on("requestfinished", async (request) => {
        const sizes = await request.sizes();
        const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
        const thumb = /\/api\/images\/([\w-]+)\/thumb$/.exec(request.url());
        if (thumb?.[1]) thumbs.set(thumb[1], bytes);
        else other += bytes;
      });
      await page.goto(url, { waitUntil: "networkidle" });
      const timing = await page.evaluate(() => {
        const thumbs = performance.getEntriesByType("resource").filter((entry) => entry.name.endsWith("/thumb")) as PerformanceResourceTiming[];
        const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
        return {
          fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN,
          domContentLoaded: navigation?.domContentLoadedEventEnd ?? Number.NaN,
          thumbsDone: Math.max(0, ...thumbs.map((entry) => entry.responseEnd)),
        };
      });
      const thumbBytes = [...thumbs.values()].reduce((sum, bytes) => sum + bytes, 0);
      const fullBytes = [...thumbs.keys()].reduce((sum, id) => sum + (fullSizes.get(id) ?? 0), 0);
      return { ...timing, cards: await page.getByRole("article").count(), thumbs: thumbs.size, thumbBytes, fullBytes, other };
    } finally {
      await context.close();
    }
  };
  // Alternating, so both pages meet the same state of the machine.
  const runs: Visit[] = [];
  const baseline: Visit[] = [];
  for (let run = 0; run < RUNS; run++) {
    runs.push(await visit(url));
    baseline.push(await visit(emptyUrl));
  }
  const pick = (of: Visit[], key: keyof Visit) => median(of.map((entry) => entry[key]));
  const row = (label: string, key: keyof Visit, show: (value: number) => string | number) => [label, show(pick(runs, key)), show(pick(baseline, key))];
  return [
    `### First paint with ${ITEMS.toLocaleString("en")} generations in the history`,
    "",
    `\`next start\` (production build) on loopback, Debian Chromium 1440*900, a fresh context (empty cache) per run; median of ${RUNS} runs, alternating with the same build on an empty history (the baseline). The grid asks for one page (${pick(runs, "cards")} cards) and loads thumbnails lazily.`,
    "",
    table(
      ["measure", `${ITEMS.toLocaleString("en")} generations`, "empty history (baseline)"],
      [
        row("first contentful paint", "fcp", ms),
        row("DOMContentLoaded", "domContentLoaded", ms),
        ["last visible thumbnail received (lazy images below the fold wait for a scroll)", ms(pick(runs, "thumbsDone")), "none"],
        row("thumbnails loaded", "thumbs", (value) => value),
        ["bytes for those thumbnails (WebP, 480 px)", kb(pick(runs, "thumbBytes")), "none"],
        ["bytes the same images cost at full size (PNG)", kb(pick(runs, "fullBytes")), "none"],
        ["saving", `${(pick(runs, "fullBytes") / Math.max(1, pick(runs, "thumbBytes"))).toFixed(1)}× fewer bytes`, "none"],
        row("everything else (HTML, JS, CSS, list JSON)", "other", kb),
      ],
    ),
  ].join("\n");
};
