import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComparisonView } from "@/lib/generation/view";
import { DEFAULT_GRID } from "@/lib/grid/grid-plan";
import { captureConsole, settledSet, startRouteHarness, type RouteHarness } from "@/test/route-harness";
import { FILE_WORDS } from "./set-results";
import { loadTakeaway, takeawayEntries } from "./takeaway";

/** A poll's zip, CSV and contact sheet against a real history: the sets made through the routes, one deleted since. */

let harness: RouteHarness;
const routes = {} as {
  comparisons: typeof import("@/app/api/comparisons/route");
  comparison: typeof import("@/app/api/comparisons/[id]/route");
  grids: typeof import("@/app/api/grids/route");
  polls: typeof import("@/app/api/polls/route");
};

beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness();
  Object.assign(routes, {
    comparisons: await import("@/app/api/comparisons/route"),
    comparison: await import("@/app/api/comparisons/[id]/route"),
    grids: await import("@/app/api/grids/route"),
    polls: await import("@/app/api/polls/route"),
  });
});
afterAll(async () => {
  await harness?.close();
});

const post = (url: string, body: unknown) => new Request(`http://localhost${url}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const started = async (response: Response) => settledSet(harness, ((await response.json()) as ComparisonView).id);
const comparisonOf = (prompt: string, blind = false) =>
  routes.comparisons.POST(post("/api/comparisons", { models: ["wan2.6-t2i", "qwen-image"], prompt, negativePrompt: "", aspect: "1:1", perModel: 1, seed: 5, promptExtend: false, watermark: false, blind })).then(started);
/** Two items: the models side by side at seed 7, and at seed 11. */
const gridOf = (prompt: string) =>
  routes.grids.POST(post("/api/grids", { ...DEFAULT_GRID, prompt, axes: [{ type: "model", values: ["wan2.6-t2i", "qwen-image"] }, { type: "seed", values: [7, 11] }] })).then(started);

describe("a poll's files", () => {
  it("number each image by the poll's comparison it is in, as its Results page and deck do, a set deleted since keeping its numbers", async () => {
    const sets = [await comparisonOf("A kite"), await comparisonOf("A bowl of noodles", true), await comparisonOf("A snowman"), await gridOf("A red fox"), await gridOf("A lighthouse")];
    const made = await routes.polls.POST(post("/api/polls", { title: "Which?", sets: sets.map((set) => set.id), reveal: "after_vote", access: "gate" }));
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    const gone = sets[2]?.id ?? "";
    expect((await routes.comparison.DELETE(new Request(`http://localhost/api/comparisons/${gone}`, { method: "DELETE" }), { params: Promise.resolve({ id: gone }) })).status).toBeLessThan(300);

    const takeaway = await loadTakeaway({ kind: "poll", id });
    expect(takeaway.pollGone).toBe(1);
    const { entries, hidden } = takeawayEntries(takeaway.items, FILE_WORDS);
    // The poll's comparisons: 1 the kite, 2 the blind noodles (left out, unrevealed), 3 the snowman (deleted),
    // 4 and 5 the fox at seeds 7 and 11, 6 and 7 the lighthouse.
    expect(hidden).toBe(1);
    expect(entries.map((entry) => entry.name)).toEqual([
      "1 · Wan 2.6",
      "1 · Qwen-Image",
      ...["4 · Model: Wan 2.6 · Seed: 7", "4 · Model: Qwen-Image · Seed: 7", "5 · Model: Wan 2.6 · Seed: 11", "5 · Model: Qwen-Image · Seed: 11"],
      ...["6 · Model: Wan 2.6 · Seed: 7", "6 · Model: Qwen-Image · Seed: 7", "7 · Model: Wan 2.6 · Seed: 11", "7 · Model: Qwen-Image · Seed: 11"],
    ]);
    // The zip's file names start with the same numbers, the models of one comparison after it.
    expect(entries.map((entry) => entry.place)).toEqual(["001.1", "001.2", "004.1", "004.2", "005.1", "005.2", "006.1", "006.2", "007.1", "007.2"]);
  });
});
