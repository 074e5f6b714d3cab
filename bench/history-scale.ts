import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { takeCardRenders, watchCardRenders } from "../e2e/card-renders";
import { CHROMIUM_PATH } from "../e2e/ports";
import { startAppServer } from "../e2e/server-process";
import { buildOnce } from "./build";
import { seedHistory } from "./seed-history";
import { median, ms, table } from "./stats";

const ITEMS = 350;
/** The history's page, as the interface asks for it. */
const PAGE = 12;
const RUNS = 5;
/** Landings compared at each end of the scroll. */
const EDGE = 5;
/** One item in ten is a three-model comparison, as in the listing benchmark. */
const COMPARISON_EVERY = 10;
const PORT = 3398;
const ONE_PAGE_PORT = 3399;
const VIEWPORT = { width: 1280, height: 900 };
/** The history's own cards: a comparison's columns are articles inside its card. */
const CARDS = 'section[aria-labelledby="history-heading"] > div > article';
/** Left after each step for what it set off (effects, thumbnails coming into view) before the next begins. */
const SETTLE_MS = 300;
/**
 * tsx keeps functions' names by wrapping them in a helper (`__name`) the page does not have; the functions
 * sent to the page from here and from e2e/card-renders.ts call it.
 */
const KEEP_NAMES = "globalThis.__name = (target) => target;";

type Measures = { longest: number; longTasks: number; tasks: number; shift: number; rerendered: number };
/** A step of the scroll: a landing, or the last scroll to the end. */
type Step = Measures & { landed: number };
/** A step as the page times it: when it began, how long its cards took to come, the cards it rendered again. */
type Timed = { start: number; landed: number; rerendered: number };

/** Every long task (50 ms and over) and layout shift of the page, kept with when it began. */
const watchMainThread = (page: Page) =>
  page.addInitScript(() => {
    const seen = { tasks: [] as Array<[number, number]>, shifts: [] as Array<[number, number]> };
    Object.assign(window, { mainThread: seen });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.tasks.push([entry.startTime, entry.duration]);
    }).observe({ type: "longtask", buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!entry.hadRecentInput) seen.shifts.push([entry.startTime, entry.value]);
    }).observe({ type: "layout-shift", buffered: true });
  });

/**
 * One step of the scroll, in the page: Load more brought to the middle of the screen and pressed, or, with no
 * page to come, the last card brought to the bottom. Pressed from script, so no shift is excused as following
 * input. Answers when the step began and how long until `cards` cards were in the page (to the frame).
 */
const step = async (page: Page, cards: number, press: boolean): Promise<Timed> => {
  const { start, landed } = await page.evaluate(
    async ({ selector, cards, press, settle }) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const shown = () => document.querySelectorAll(selector);
      const start = performance.now();
      if (press) {
        const button = [...document.querySelectorAll("button")].find((candidate) => candidate.textContent?.trim() === "Load more");
        // Gone or "Loading…": the page was fetched by the scroll itself, and the landing would not be the press's.
        if (!button) throw new Error(`no Load more to press at ${shown().length} cards`);
        button.scrollIntoView({ block: "center" });
        button.click();
      } else [...shown()].at(-1)?.scrollIntoView({ block: "end" });
      while (shown().length < cards) {
        if (performance.now() - start > 15_000) throw new Error(`${shown().length} cards of ${cards} after 15 s`);
        await frame();
      }
      const landed = performance.now() - start;
      await frame();
      await frame();
      await new Promise((resolve) => setTimeout(resolve, settle));
      return { start, landed };
    },
    { selector: CARDS, cards, press, settle: SETTLE_MS },
  );
  return { start, landed, rerendered: (await takeCardRenders(page)).rendered.length };
};

/** The history at `url` (of `items` items) opened in a fresh context, every page landed, then scrolled to its end. */
const scroll = async (browser: Browser, url: string, items: number): Promise<Step[]> => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(KEEP_NAMES);
    const page = await context.newPage();
    await watchCardRenders(page);
    await watchMainThread(page);
    await page.goto(url);
    await page.locator(CARDS).nth(Math.min(items, PAGE) - 1).waitFor();
    // The first load's own work is over before the scroll begins.
    await page.waitForTimeout(1500);
    await takeCardRenders(page);
    const steps: Timed[] = [];
    for (let cards = PAGE; cards < items; cards += PAGE) steps.push(await step(page, Math.min(items, cards + PAGE), true));
    steps.push(await step(page, items, false));
    const { tasks, shifts, end } = await page.evaluate(() => ({
      ...(window as unknown as { mainThread: { tasks: Array<[number, number]>; shifts: Array<[number, number]> } }).mainThread,
      end: performance.now(),
    }));
    // Each step runs until the next one begins.
    return steps.map(({ start, landed, rerendered }, index) => {
      const to = steps[index + 1]?.start ?? end;
      const durations = tasks.filter(([begun]) => begun >= start && begun < to).map(([, duration]) => duration);
      return {
        landed,
        rerendered,
        longest: Math.max(0, ...durations),
        longTasks: durations.reduce((sum, duration) => sum + duration, 0),
        tasks: durations.length,
        shift: shifts.filter(([begun]) => begun >= start && begun < to).reduce((sum, [, value]) => sum + value, 0),
      };
    });
  } finally {
    await context.close();
  }
};

/** Several steps as one: their longest task, and the rest summed. */
const together = (steps: readonly Measures[]): Measures => ({
  longest: Math.max(0, ...steps.map((step) => step.longest)),
  longTasks: steps.reduce((sum, step) => sum + step.longTasks, 0),
  tasks: steps.reduce((sum, step) => sum + step.tasks, 0),
  shift: steps.reduce((sum, step) => sum + step.shift, 0),
  rerendered: steps.reduce((sum, step) => sum + step.rerendered, 0),
});

/**
 * The history at scale: 350 items landed page by page through Load more at 1280*900, the main thread's long
 * tasks and the layout shift per landing (the first pages' landings against the last pages') and over the
 * whole scroll (against a history of one page scrolled the same way), alternating runs.
 */
export const benchHistoryScale = async (): Promise<string> => {
  buildOnce();
  const dir = mkdtempSync(join(tmpdir(), "bench-scale-"));
  const onePageDir = mkdtempSync(join(tmpdir(), "bench-scale-one-"));
  // Each thing started is stopped, last first, whatever fails after it.
  const stops: (() => unknown)[] = [() => rmSync(dir, { recursive: true, force: true }), () => rmSync(onePageDir, { recursive: true, force: true })];
  try {
    for (const [where, count] of [[dir, ITEMS], [onePageDir, PAGE]] as const) await (await seedHistory(where, count, { comparisonEvery: COMPARISON_EVERY })).store.close();
    const server = await startAppServer(PORT, { DATA_DIR: dir });
    stops.push(() => server.kill());
    const onePage = await startAppServer(ONE_PAGE_PORT, { DATA_DIR: onePageDir });
    stops.push(() => onePage.kill());
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"],
    });
    stops.push(() => browser.close());
    const scale: Step[][] = [];
    const baseline: Step[][] = [];
    for (let run = 0; run < RUNS; run++) {
      // Which history goes first alternates too: the second of a pair can find the machine warmer.
      const pair = [async () => scale.push(await scroll(browser, server.url, ITEMS)), async () => baseline.push(await scroll(browser, onePage.url, PAGE))];
      for (const next of run % 2 ? pair.reverse() : pair) await next();
    }
    return report(scale, baseline);
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
};

const longest = (value: number) => (value > 0 ? ms(value) : "none over 50 ms");
const shift = (value: number) => value.toFixed(4);

const report = (scale: readonly Step[][], baseline: readonly Step[][]): string => {
  const count = (scale[0]?.length ?? 1) - 1;
  // Each run's figure, then their median.
  const ofRuns = (runs: readonly Step[][], pick: (steps: Step[]) => number) => median(runs.map(pick));
  const first = (steps: Step[]) => steps.slice(0, EDGE);
  const last = (steps: Step[]) => steps.slice(count - EDGE, count);
  const byEnds = (label: string, pick: (landings: Step[]) => number, show: (value: number) => string | number) => [
    label,
    show(ofRuns(scale, (steps) => pick(first(steps)))),
    show(ofRuns(scale, (steps) => pick(last(steps)))),
  ];
  const overScroll = (label: string, pick: (whole: Measures) => number, show: (value: number) => string | number) => [
    label,
    show(ofRuns(scale, (steps) => pick(together(steps)))),
    show(ofRuns(baseline, (steps) => pick(together(steps)))),
  ];
  const totalShift = ofRuns(scale, (steps) => together(steps).shift);
  const rerendered = ofRuns(scale, (steps) => together(steps).rerendered);
  return [
    `### The history at scale: ${ITEMS} items landed page by page`,
    "",
    `Measured on ${new Date().toISOString().slice(0, 10)}. \`next start\` (production build) on loopback with a history of ${ITEMS} items seeded through the store (one in ${COMPARISON_EVERY} a three-model comparison, each generation with one 1280*1280 image), Debian Chromium at ${VIEWPORT.width}*${VIEWPORT.height}, a fresh context per run. Each of the ${count} pages after the first is landed by Load more, brought to the middle of the screen and pressed from script (so no shift is excused as following a click), then left ${SETTLE_MS} ms; then the last card is brought into view. Long tasks (PerformanceObserver \`longtask\`, 50 ms and over) and layout shifts count for the step in whose time they began. Cards already shown that React rendered again are counted through its devtools hook, as the end-to-end test does, in the same runs. Each figure is the median of ${RUNS} runs' own, alternating with a history of one page (${PAGE} items) scrolled to its end the same way.`,
    "",
    table(
      [`the ${EDGE} landings`, `first: ${PAGE * 2} to ${PAGE * (EDGE + 1)} cards shown (baseline)`, `last: ${PAGE * (count - EDGE + 2)} to ${ITEMS} cards shown`],
      [
        byEnds("press to the page's cards in the DOM (to the frame), median", (landings) => median(landings.map((landing) => landing.landed)), ms),
        byEnds("longest main-thread task", (landings) => together(landings).longest, longest),
        byEnds(`landings with a task over 50 ms (of ${EDGE})`, (landings) => landings.filter((landing) => landing.tasks > 0).length, (value) => value),
        byEnds("long-task time, summed", (landings) => together(landings).longTasks, ms),
        byEnds("layout shift, summed", (landings) => together(landings).shift, shift),
        byEnds("cards already shown rendered again", (landings) => together(landings).rerendered, (value) => value),
      ],
    ),
    "",
    table(
      ["over the whole scroll", `${ITEMS} items: ${count} landings, then to the end`, `one page, ${PAGE} items: to the end (baseline)`],
      [
        overScroll("long tasks", (whole) => whole.tasks, (value) => value),
        overScroll("long-task time", (whole) => whole.longTasks, ms),
        overScroll("longest main-thread task", (whole) => whole.longest, longest),
        overScroll("layout shift", (whole) => whole.shift, shift),
        overScroll("cards already shown rendered again", (whole) => whole.rerendered, (value) => value),
      ],
    ),
    "",
    table(
      ["figure", "value", "target", "result"],
      [
        [`layout shift over the scroll, ${ITEMS} items`, shift(totalShift), "0", totalShift === 0 ? "met" : "**missed**"],
        [`cards already shown rendered again, ${ITEMS} items`, rerendered, "0", rerendered === 0 ? "met" : "**missed**"],
      ],
    ),
  ].join("\n");
};
