import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GenerationStore, ListQuery } from "../lib/store/types";
import { median, ms, table } from "./stats";
import { seedHistory } from "./seed-history";
import { startPostgresCluster } from "../test/services/postgres-cluster";

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

const CASES: Array<[string, Omit<ListQuery, "cursor">]> = [
  ["all, 12 per page (the UI's page)", { limit: 12 }],
  ["all, 100 per page", { limit: 100 }],
  ["search \"lantern\" (prompt or revised prompt), 12 per page", { limit: 12, q: "lantern" }],
  ["model filter, 12 per page", { limit: 12, model: "wan2.6-t2i" }],
  ["status = succeeded, 12 per page", { limit: 12, status: "succeeded" }],
];

/** Every walk of CASES, RUNS times each, one after another (walks at once would time each other). */
const walkAll = async (store: GenerationStore) => {
  const results = [];
  for (const [, query] of CASES) {
    const runs = [];
    for (let run = 0; run < RUNS; run++) runs.push(await walk(store, query));
    results.push({
      items: runs[0]?.items ?? 0,
      pages: runs[0]?.pages ?? 0,
      p50: median(runs.map((run) => run.p50)),
      max: median(runs.map((run) => run.max)),
      total: median(runs.map((run) => run.total)),
    });
  }
  return results;
};

/** The same history on both backends: SQLite (the baseline) and PostgreSQL, on a throwaway local cluster. */
export const benchStoreListing = async (): Promise<string> => {
  const dir = mkdtempSync(join(tmpdir(), "bench-listing-"));
  const cluster = await startPostgresCluster();
  try {
    const seeded = [];
    for (const [name, where] of [
      ["SQLite", join(dir, "sqlite")],
      ["PostgreSQL", { dataDir: join(dir, "postgres"), databaseUrl: cluster.url, s3: null, leaseMs: 15_000 }],
    ] as const) {
      const started = performance.now();
      const storage = await seedHistory(where, COUNT, { files: false, comparisonEvery: COMPARISON_EVERY });
      seeded.push({ name, seedMs: performance.now() - started, walks: await walkAll(storage.store) });
      await storage.store.close();
    }
    const [sqlite, postgres] = seeded;
    if (!sqlite || !postgres) throw new Error("a backend was not measured");
    const rows = CASES.map(([name], index) => {
      const [a, b] = [sqlite.walks[index], postgres.walks[index]];
      return [name, a?.items ?? 0, a?.pages ?? 0, ms(a?.p50 ?? 0), ms(b?.p50 ?? 0), ms(a?.max ?? 0), ms(b?.max ?? 0), ms(a?.total ?? 0), ms(b?.total ?? 0)];
    });
    return [
      `### Listing ${COUNT.toLocaleString("en")} history items page by page`,
      "",
      `Keyset paging on (created_at, id) over two time indexes merged (generations and comparisons), the same queries on both backends: SQLite (libsql, WAL mode, in-process; the baseline) and PostgreSQL 15 (a local cluster over loopback TCP, fsync off as a test cluster). One item in ${COMPARISON_EVERY} is a finished three-model comparison, so ${COUNT.toLocaleString("en")} items hold ${(COUNT - COUNT / COMPARISON_EVERY + (3 * COUNT) / COMPARISON_EVERY).toLocaleString("en")} generations. Seeding them (rows only, no image files, one statement at a time through the store) took ${(sqlite.seedMs / 1000).toFixed(1)} s on SQLite and ${(postgres.seedMs / 1000).toFixed(1)} s on PostgreSQL. Median of ${RUNS} full walks:`,
      "",
      table(["walk", "items", "pages", "page p50 SQLite", "page p50 PostgreSQL", "slowest page SQLite", "slowest page PostgreSQL", "whole walk SQLite", "whole walk PostgreSQL"], rows),
      "",
      "What PostgreSQL adds: each page is a few round trips over TCP (the keys, then the rows, images, inputs and chains of that page) where SQLite answers inside the process; the plans are the same index walks, and the search the same plain LIKE over each prompt's folded copy (lib/store/search-text.ts).",
    ].join("\n");
  } finally {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
