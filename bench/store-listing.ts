import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GenerationStore, ListQuery } from "../lib/store/types";
import { median, ms, table } from "./stats";
import { seedHistory } from "./seed-history";

const COUNT = 10_000;
const RUNS = 5;
/** One item in ten is a three-model comparison, so every page merges both kinds. */
const COMPARISON_EVERY = 10;

/** Walks the whole history page by page, as infinite scroll does, and times each page. */
const walk = async (store: GenerationStore, query: Omit<ListQuery, "cursor">) => {
  const pageTimes: number[] = [];
  let cursor: string | null = null;
  let items = 0;
  const started = performance.now();
  do {
    const pageStarted = performance.now();
    const page = await store.list({ ...query, cursor });
    pageTimes.push(performance.now() - pageStarted);
    items += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return { total: performance.now() - started, pages: pageTimes.length, items, p50: median(pageTimes), max: Math.max(...pageTimes) };
};

export const benchStoreListing = async (): Promise<string> => {
  const dir = mkdtempSync(join(tmpdir(), "bench-listing-"));
  try {
    const seedStarted = performance.now();
    const storage = await seedHistory(dir, COUNT, { files: false, comparisonEvery: COMPARISON_EVERY });
    const seedMs = performance.now() - seedStarted;
    const cases: Array<[string, Omit<ListQuery, "cursor">]> = [
      ["all, 12 per page (the UI's page)", { limit: 12 }],
      ["all, 100 per page", { limit: 100 }],
      ["search \"lantern\" (prompt or revised prompt), 12 per page", { limit: 12, q: "lantern" }],
      ["model filter, 12 per page", { limit: 12, model: "wan2.6-t2i" }],
      ["status = succeeded, 12 per page", { limit: 12, status: "succeeded" }],
    ];
    const rows: Array<Array<string | number>> = [];
    for (const [name, query] of cases) {
      // One walk after another: walks at once would time each other.
      const runs = [];
      for (let run = 0; run < RUNS; run++) runs.push(await walk(storage.store, query));
      const first = runs[0];
      rows.push([
        name,
        first?.items ?? 0,
        first?.pages ?? 0,
        ms(median(runs.map((run) => run.p50))),
        ms(median(runs.map((run) => run.max))),
        ms(median(runs.map((run) => run.total))),
      ]);
    }
    await storage.store.close();
    return [
      `### Listing ${COUNT.toLocaleString("en")} history items page by page`,
      "",
      `SQLite (libsql) in WAL mode, keyset paging on (created_at, id) over two time indexes merged (generations and comparisons). One item in ${COMPARISON_EVERY} is a finished three-model comparison, so ${COUNT.toLocaleString("en")} items hold ${(COUNT - COUNT / COMPARISON_EVERY + (3 * COUNT) / COMPARISON_EVERY).toLocaleString("en")} generations. Seeding them (rows only, no image files) took ${(seedMs / 1000).toFixed(1)} s. Median of ${RUNS} full walks:`,
      "",
      table(["walk", "items", "pages", "page p50", "slowest page", "whole walk"], rows),
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
