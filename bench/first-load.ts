import { buildOnce } from "./build";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "@playwright/test";
import { startAppServer } from "../e2e/server-process";
import { CHROMIUM_PATH } from "../e2e/ports";
import { startEmptyNext } from "./empty-next";
import { median, table } from "./stats";

const RUNS = 5;
const APP_PORT = 3393;
const EMPTY_PORT = 3394;
const TARGET_KB = 60;
const LIMITS =
  "What limits it, when missed: the libraries the stack requires (TanStack Query, react-hook-form) ship with the first screen, beside the app's own form code; zod and the schemas come with the form's first focus, the history's cards with the first card, and the rare parts (lightbox, code dialog, diff, compare and edit forms, slide show) when used.";

type Load = { files: number; transferred: number; decoded: number; html: number };

/** The JavaScript a first visit downloads (compressed as sent, and as parsed), in a fresh context. */
const firstLoad = async (url: string): Promise<Load> => {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  try {
    const loads: Load[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url, { waitUntil: "networkidle" });
      loads.push(
        await page.evaluate(() => {
          const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((entry) => /\.js(\?|$)/.test(entry.name));
          const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
          return {
            files: scripts.length,
            transferred: scripts.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
            decoded: scripts.reduce((sum, entry) => sum + entry.decodedBodySize, 0),
            // The page's data (the interface's words among it) travels in the HTML, not in a script.
            html: navigation?.encodedBodySize ?? 0,
          };
        }),
      );
      await context.close();
    }
    return {
      files: median(loads.map((load) => load.files)),
      transferred: median(loads.map((load) => load.transferred)),
      decoded: median(loads.map((load) => load.decoded)),
      html: median(loads.map((load) => load.html)),
    };
  } finally {
    await browser.close();
  }
};

/**
 * First-load JavaScript of `/` against an empty page built by the same Next, both served by `next start`
 * (which gzips), on an empty history: what a first visit loads before anyone touches anything. What waits
 * for its first use (the form's validation, the history's cards, the rare dialogs) is not in it.
 */
export const benchFirstLoad = async (): Promise<string> => {
  buildOnce();
  const dataDir = resolve(".data/bench-first-load");
  rmSync(dataDir, { recursive: true, force: true });
  const app = await startAppServer(APP_PORT, { DATA_DIR: dataDir });
  const empty = await startEmptyNext(EMPTY_PORT);
  try {
    const ours = await firstLoad(app.url);
    const baseline = await firstLoad(empty.url);
    // kB = 1000 bytes, the unit the target is set in.
    const extra = (ours.transferred - baseline.transferred) / 1000;
    const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
    return [
      "### First-load JavaScript of `/`",
      "",
      `Debian Chromium, a fresh context per visit, median of ${RUNS}; both built by the same Next and served by \`next start\` (gzip). "Sent" is what crossed the wire; "parsed" is after decompression.`,
      "",
      table(
        ["page", "script files", "scripts sent (gzip)", "scripts parsed", "HTML sent (gzip)"],
        [
          ["empty Next page (baseline)", baseline.files, kB(baseline.transferred), kB(baseline.decoded), kB(baseline.html)],
          ["the playground, `/`", ours.files, kB(ours.transferred), kB(ours.decoded), kB(ours.html)],
        ],
      ),
      "",
      table(["figure", "value", "target", "result"], [["extra JavaScript sent", `+${extra.toFixed(1)} kB`, `<= +${TARGET_KB} kB`, extra <= TARGET_KB ? "met" : "**missed**"]]),
      ...(extra <= TARGET_KB ? [] : ["", LIMITS]),
    ].join("\n");
  } finally {
    app.kill();
    empty.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
