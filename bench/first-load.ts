import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "@playwright/test";
import { startAppServer } from "../e2e/server-process";
import { CHROMIUM_PATH } from "../e2e/ports";
import { median, table } from "./stats";

const RUNS = 5;
const APP_PORT = 3393;
const EMPTY_PORT = 3394;
const TARGET_KB = 60;
const EMPTY_DIR = resolve(".data/bench-empty-next");
const LIMITS =
  "What limits it, when missed: the libraries the stack requires (TanStack Query, react-hook-form, zod/mini) ship with the first screen, beside the app's own form and history code; the rare parts (lightbox, code dialog, diff, compare form, slide show) already load only when used.";

/** The smallest App Router page, built by this repository's own Next (same version, same bundler). */
const buildEmptyApp = () => {
  rmSync(EMPTY_DIR, { recursive: true, force: true });
  mkdirSync(join(EMPTY_DIR, "app"), { recursive: true });
  writeFileSync(join(EMPTY_DIR, "package.json"), JSON.stringify({ name: "empty-next", private: true }));
  // Inside the repository so Turbopack finds `next` in its node_modules; the root says where that is.
  writeFileSync(
    join(EMPTY_DIR, "next.config.mjs"),
    'import { fileURLToPath } from "node:url";\nexport default { poweredByHeader: false, turbopack: { root: fileURLToPath(new URL("../..", import.meta.url)) } };\n',
  );
  writeFileSync(join(EMPTY_DIR, "app", "layout.jsx"), 'export default function RootLayout({ children }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n');
  writeFileSync(join(EMPTY_DIR, "app", "page.jsx"), "export default function Page() {\n  return <main>Empty</main>;\n}\n");
  const built = spawnSync(process.execPath, [resolve("node_modules/next/dist/bin/next"), "build"], {
    cwd: EMPTY_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (built.status !== 0) throw new Error(`the empty Next app did not build:\n${built.stdout}\n${built.stderr}`);
};

const startEmptyApp = async () => {
  const child = spawn(process.execPath, [resolve("node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(EMPTY_PORT)], {
    cwd: EMPTY_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${EMPTY_PORT}`;
  const deadline = Date.now() + 30_000;
  while (!(await fetch(url).then((response) => response.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error("the empty Next app did not start");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, kill: () => child.pid !== undefined && child.exitCode === null && process.kill(-child.pid, "SIGKILL") };
};

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
 * (which gzips). The lightbox's dialog, the slide show and the compare card's extras are what the budget
 * is about: rare parts load when used.
 */
export const benchFirstLoad = async (): Promise<string> => {
  if (!existsSync(".next/BUILD_ID")) spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  buildEmptyApp();
  const dataDir = resolve(".data/bench-first-load");
  rmSync(dataDir, { recursive: true, force: true });
  const app = await startAppServer(APP_PORT, { DATA_DIR: dataDir });
  const empty = await startEmptyApp();
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
    empty.kill();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(EMPTY_DIR, { recursive: true, force: true });
  }
};
