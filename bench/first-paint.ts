import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { startAppServer } from "../e2e/server-process";
import { CHROMIUM_PATH } from "../e2e/ports";
import { kb, median, ms, table } from "./stats";
import { seedHistory } from "./seed-history";

const ITEMS = 1_000;
const RUNS = 5;
const PORT = 3390;

/**
 * Opens the playground on a history of 1,000 generations in a fresh browser context (empty cache) and
 * measures what the first screen costs: paint timings, and the bytes of the thumbnails it loads against
 * what the same images would cost at full size.
 */
export const benchFirstPaint = async (): Promise<string> => {
  if (!existsSync(".next/BUILD_ID")) spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const dir = mkdtempSync(join(tmpdir(), "bench-paint-"));
  const storage = await seedHistory(dir, ITEMS);
  const fullSizes = new Map<string, number>();
  for (const item of (await storage.store.list({ limit: 100 })).items) {
    const generations = item.kind === "generation" ? [item] : item.columns.map((column) => column.generation);
    for (const image of generations.flatMap((generation) => generation.images)) fullSizes.set(image.id, (await storage.store.image(image.id))?.bytes ?? 0);
  }
  await storage.store.close();

  const server = await startAppServer(PORT, { DATA_DIR: dir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    const runs: Array<Record<"fcp" | "domContentLoaded" | "thumbsDone" | "cards" | "thumbs" | "thumbBytes" | "fullBytes" | "other", number>> = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
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
      await page.goto(server.url, { waitUntil: "networkidle" });
      const cards = page.getByRole("article");
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
      runs.push({ ...timing, cards: await cards.count(), thumbs: thumbs.size, thumbBytes, fullBytes, other });
      await context.close();
    }
    const pick = (key: keyof (typeof runs)[number]) => median(runs.map((run) => run[key]));
    return [
      `### First paint with ${ITEMS.toLocaleString("en")} generations in the history`,
      "",
      `\`next start\` (production build) on loopback, Debian Chromium 1440*900, a fresh context (empty cache) per run; median of ${RUNS} runs. The grid asks for one page (${pick("cards")} cards) and loads thumbnails lazily.`,
      "",
      table(
        ["measure", "value"],
        [
          ["first contentful paint", ms(pick("fcp"))],
          ["DOMContentLoaded", ms(pick("domContentLoaded"))],
          ["last visible thumbnail received (lazy images below the fold wait for a scroll)", ms(pick("thumbsDone"))],
          ["thumbnails loaded", pick("thumbs")],
          ["bytes for those thumbnails (WebP, 480 px)", kb(pick("thumbBytes"))],
          ["bytes the same images cost at full size (PNG)", kb(pick("fullBytes"))],
          ["saving", `${(pick("fullBytes") / Math.max(1, pick("thumbBytes"))).toFixed(1)}× fewer bytes`],
          ["everything else (HTML, JS, CSS, list JSON)", kb(pick("other"))],
        ],
      ),
    ].join("\n");
  } finally {
    await browser.close();
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
};
