import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sqliteBefore } from "@/test/store-backends";
import { DEFAULT_COMPARE } from "../compare/compare-request";
import { openStorage } from "../history/storage";
import { createJobRunner } from "../jobs/runner";
import { utcDay } from "../limits/utc-day";
import { defaultRequest } from "../models/defaults";
import type { ModelId } from "../models/registry";
import { blindSpendKey } from "../pricing/prices";
import { openSqlite } from "./open-sqlite";
import { createSqlStore } from "./sql-store";

/**
 * Embedded histories from before the spend table (version 9 made it empty): the first start of the version
 * that fills it counts the runs of the days before it as the live code bills them, so the day of the upgrade
 * costs its earlier runs too; the days the table already counted are left as they are.
 */

/** The start-up's "now": noon of the day of the upgrade. */
const AT = Date.UTC(2026, 11, 6, 12);
const TODAY = utcDay(AT);
const DAY_MS = 24 * 60 * 60 * 1000;
const START_OF_TODAY = Date.UTC(2026, 11, 6);
const YESTERDAY = utcDay(AT - DAY_MS);

const requestOf = (model: ModelId, n: number) => JSON.stringify({ ...defaultRequest(model), prompt: "x", n });

type Run = {
  readonly id: string;
  readonly createdAt: number;
  readonly status: string;
  readonly model: ModelId;
  readonly n: number;
  readonly seed: number | null;
  readonly billed: number | null;
  readonly comparison?: string;
};

/** A run as the versions before the spend table recorded it (their columns alone). */
const insertRun = ({ id, createdAt, status, model, n, seed, billed, comparison }: Run): string =>
  `INSERT INTO generations (id, created_at, finished_at, status, model, prompt, request_json, seed, billed_images, comparison_id, comparison_position)
   VALUES ('${id}', ${createdAt}, ${status === "running" ? "NULL" : createdAt + 5_000}, '${status}', '${model}', 'x', '${requestOf(model, n)}',
           ${seed ?? "NULL"}, ${billed ?? "NULL"}, ${comparison ? `'${comparison}'` : "NULL"}, ${comparison ? 0 : "NULL"})`;

const insertComparison = (id: string, revealed: boolean): string =>
  `INSERT INTO comparisons (id, created_at, prompt, request_json, seed, revealed)
   VALUES ('${id}', ${START_OF_TODAY + 1}, 'x', '${JSON.stringify({ ...DEFAULT_COMPARE, prompt: "x", blind: true })}', 7, ${revealed ? 1 : 0})`;

const today = (offset: number) => START_OF_TODAY + offset;

/** The day of the upgrade, before it: every way a run could have ended, on several models and sets. */
const TODAYS_RUNS: readonly string[] = [
  insertRun({ id: "two-billed", createdAt: today(1_000), status: "succeeded", model: "wan2.6-t2i", n: 2, seed: 1, billed: 2 }),
  insertRun({ id: "qwen", createdAt: today(2_000), status: "succeeded", model: "qwen-image", n: 1, seed: 2, billed: 1 }),
  // From before the gateway's count was kept: its images are what it billed.
  insertRun({ id: "uncounted", createdAt: today(3_000), status: "succeeded", model: "wan2.6-t2i", n: 2, seed: 3, billed: null }),
  `INSERT INTO images (id, generation_id, position, width, height, mime, bytes) VALUES ('kept-image', 'uncounted', 0, 64, 64, 'image/png', 10)`,
  // A failure that kept nothing of what it cost: every image asked, as today's count takes it.
  insertRun({ id: "failed", createdAt: today(4_000), status: "failed", model: "wan2.6-t2i", n: 2, seed: 4, billed: null }),
  // Cancelled before its seed was sent: nothing went out.
  insertRun({ id: "never-sent", createdAt: today(5_000), status: "cancelled", model: "wan2.6-t2i", n: 3, seed: null, billed: null }),
  insertRun({ id: "interrupted", createdAt: today(6_000), status: "interrupted", model: "qwen-image", n: 1, seed: 6, billed: null }),
  // Still running when the old version stopped: the start-up's interruption settles it, not the fill.
  insertRun({ id: "left-running", createdAt: today(7_000), status: "running", model: "wan2.6-t2i", n: 4, seed: 7, billed: null }),
  insertComparison("hidden", false),
  insertRun({ id: "hidden-a", createdAt: today(8_000), status: "succeeded", model: "wan2.6-t2i", n: 1, seed: 8, billed: 1, comparison: "hidden" }),
  insertRun({ id: "hidden-b", createdAt: today(8_000), status: "succeeded", model: "qwen-image-max", n: 1, seed: 8, billed: 1, comparison: "hidden" }),
  insertComparison("revealed", true),
  insertRun({ id: "revealed-a", createdAt: today(9_000), status: "succeeded", model: "qwen-image-max", n: 1, seed: 9, billed: 1, comparison: "revealed" }),
  // Made a moment before midnight, ended after it: billed on the day it was made.
  insertRun({ id: "before-midnight", createdAt: START_OF_TODAY - 1, status: "succeeded", model: "wan2.6-t2i", n: 3, seed: 10, billed: 3 }),
];

const HIDDEN_KEY = blindSpendKey(DEFAULT_COMPARE.models);

const withDataDir = async (test: (dir: string) => Promise<void>) => {
  const dir = mkdtempSync(join(tmpdir(), "spend-fill-"));
  try {
    await test(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe("spend kept before its table was", () => {
  it("counts the day of the upgrade's earlier runs in today's spend, as the live code bills them", async () => {
    await withDataDir(async (dir) => {
      // The day's count as the old version kept it: every run's bill, and the running one's reservation.
      sqliteBefore(join(dir, "playground.db"), "CREATE TABLE spend", [...TODAYS_RUNS, `INSERT INTO usage (day, images) VALUES ('${TODAY}', 14), ('${YESTERDAY}', 3)`]);
      const storage = await openStorage(dir, AT);
      try {
        const expected = [
          { model: HIDDEN_KEY, images: 2 },
          { model: "qwen-image", images: 2 },
          { model: "qwen-image-max", images: 1 },
          { model: "wan2.6-t2i", images: 2 + 1 + 2 },
        ];
        expect(await storage.store.spendOn(TODAY)).toEqual(expected);
        expect(await storage.store.spendOn(YESTERDAY)).toEqual([{ model: "wan2.6-t2i", images: 3 }]);

        // What the header shows, and the budget: that counts the day's images alone (kept by the old version
        // too), less the reservation the start-up's interruption of a run never sent gave back.
        const limits = { maxConcurrent: 4, dailyImageLimit: 11 };
        const gateway = () => Promise.reject(new Error("no call is made past the budget"));
        const runner = createJobRunner({ store: storage.store, images: storage.images, gateway, limits, now: () => AT });
        expect(await runner.usage()).toMatchObject({ imagesToday: 10, spentToday: expected });
        await expect(runner.start({ ...defaultRequest("wan2.6-t2i"), prompt: "one more", n: 2 })).rejects.toThrow(
          expect.objectContaining({ code: "daily_limit_reached" }),
        );
        await runner.idle();
      } finally {
        await storage.store.close();
      }
    });
  });

  it("fills only the days before the table's first, and adds nothing to the days the live code counted", async () => {
    await withDataDir(async (dir) => {
      const file = join(dir, "playground.db");
      const twoDaysAgo = START_OF_TODAY - 2 * DAY_MS;
      sqliteBefore(file, "AS spend_key", [
        insertRun({ id: "before-the-table", createdAt: twoDaysAgo + 1_000, status: "succeeded", model: "wan2.6-t2i", n: 2, seed: 1, billed: 2 }),
        // Counted by the live code as it ended (yesterday the table came), and a run since deleted with it.
        insertRun({ id: "counted", createdAt: START_OF_TODAY - DAY_MS + 1_000, status: "succeeded", model: "wan2.6-t2i", n: 1, seed: 2, billed: 1 }),
        insertRun({ id: "counted-today", createdAt: today(1_000), status: "succeeded", model: "qwen-image", n: 1, seed: 3, billed: 1 }),
        `INSERT INTO spend (day, model, images) VALUES ('${YESTERDAY}', 'wan2.6-t2i', 3), ('${TODAY}', 'qwen-image', 1)`,
      ]);
      const store = createSqlStore(openSqlite(file));
      try {
        expect(await store.spendOn(utcDay(twoDaysAgo))).toEqual([{ model: "wan2.6-t2i", images: 2 }]);
        expect(await store.spendOn(YESTERDAY)).toEqual([{ model: "wan2.6-t2i", images: 3 }]);
        expect(await store.spendOn(TODAY)).toEqual([{ model: "qwen-image", images: 1 }]);
      } finally {
        await store.close();
      }
    });
  });

  it("opens a history with a request that is not JSON, counting its run as far as the record tells", async () => {
    await withDataDir(async (dir) => {
      const file = join(dir, "playground.db");
      const malformed = (id: string, status: string, billed: number | null, comparison: string | null) =>
        `INSERT INTO generations (id, created_at, finished_at, status, model, prompt, request_json, seed, billed_images, comparison_id, comparison_position)
         VALUES ('${id}', ${today(1_000)}, ${today(6_000)}, '${status}', 'wan2.6-t2i', 'x', '{"n": 2', 5, ${billed ?? "NULL"}, ${comparison ? `'${comparison}'` : "NULL"}, ${comparison ? 0 : "NULL"})`;
      sqliteBefore(file, "CREATE TABLE spend", [
        // Its images asked cannot be read: nothing; its bill can.
        malformed("unreadable", "failed", null, null),
        malformed("billed", "failed", 2, null),
        // A set whose request cannot be read: under the run's own model.
        `INSERT INTO comparisons (id, created_at, prompt, request_json, seed, revealed) VALUES ('broken', ${today(1)}, 'x', '{"blind": tru', 7, 0)`,
        insertRun({ id: "in-broken", createdAt: today(2_000), status: "succeeded", model: "qwen-image", n: 1, seed: 2, billed: 1, comparison: "broken" }),
      ]);
      const store = createSqlStore(openSqlite(file));
      try {
        expect(await store.spendOn(TODAY)).toEqual([{ model: "qwen-image", images: 1 }, { model: "wan2.6-t2i", images: 2 }]);
      } finally {
        await store.close();
      }
    });
  });
});
