import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ComparisonView } from "@/lib/generation/view";
import type { GridRequest } from "@/lib/grid/grid-request";
import { DEFAULT_GRID } from "@/lib/grid/grid-plan";
import { captureConsole, expectErrorBody, settledSet, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/** The grid route in-process, against the simulator on a real socket, with a cap of 2 calls in flight. */

let harness: RouteHarness;
let grids: typeof import("./route");
let retry: typeof import("../comparisons/[id]/retry/route");

beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ latencyMs: 30, env: { MAX_CONCURRENT_GENERATIONS: "2" } });
  grids = await import("./route");
  retry = await import("../comparisons/[id]/retry/route");
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(async () => harness.server.simulator.reset());

const GRID: GridRequest = {
  ...DEFAULT_GRID,
  prompt: "A red lighthouse at dawn",
  axes: [
    { type: "model", values: ["wan2.6-t2i", "qwen-image"] },
    { type: "seed", values: [11, 12, 13] },
  ],
};

const post = (url: string, body: unknown) => new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

const settled = (id: string) => settledSet(harness, id);

describe("POST /api/grids", () => {
  it("queues a 2 x 3 grid past the cap of 2 and completes every cell in place, one failure retried in place", async () => {
    harness.server.simulator.injectFault({ kind: "server_error", model: "qwen-image" });
    const response = await grids.POST(post("http://localhost/api/grids", GRID));
    expect(response.status).toBe(202);
    const started = (await response.json()) as ComparisonView;
    expect(started.columns).toHaveLength(6);
    // Never more than the cap at once: the rest waited their turn.
    expect(started.columns.filter((column) => column.generation.status === "running").length).toBeLessThanOrEqual(2);
    expect(started.columns.filter((column) => column.generation.status === "queued").length).toBeGreaterThanOrEqual(4);

    const done = await settled(started.id);
    expect(done.request).toEqual(GRID);
    expect(done.columns.map(({ generation }) => [generation.request.model, generation.request.seed])).toEqual([
      ["wan2.6-t2i", 11],
      ["qwen-image", 11],
      ["wan2.6-t2i", 12],
      ["qwen-image", 12],
      ["wan2.6-t2i", 13],
      ["qwen-image", 13],
    ]);
    const statuses = done.columns.map((column) => column.generation.status);
    expect(statuses.filter((status) => status === "failed")).toHaveLength(1);
    const failedAt = statuses.indexOf("failed");
    expect(done.columns[failedAt]?.generation.request.model).toBe("qwen-image");

    const failed = done.columns[failedAt]?.generation.id ?? "";
    expect((await retry.POST(post(`http://localhost/api/comparisons/${started.id}/retry`, { column: failed }), params(started.id))).status).toBe(202);
    const again = await settled(started.id);
    expect(again.columns.map((column) => column.generation.status)).toEqual(Array(6).fill("succeeded"));
    expect(again.columns[failedAt]?.generation.id).not.toBe(failed);
    expect(again.columns[failedAt]?.generation.request.seed).toBe(done.columns[failedAt]?.generation.request.seed);
    expect(harness.server.simulator.stats().calls).toBe(7);
  });

  it("gives every cell of a search and replace its own prompt and one shared seed", async () => {
    const response = await grids.POST(post("http://localhost/api/grids", { ...GRID, axes: [{ type: "replace", values: ["red", "green", "white"] }] }));
    const done = await settled(((await response.json()) as ComparisonView).id);
    expect(done.columns.map((column) => column.generation.request.prompt)).toEqual(["A red lighthouse at dawn", "A green lighthouse at dawn", "A white lighthouse at dawn"]);
    expect(new Set(done.columns.map((column) => column.generation.seed))).toEqual(new Set([done.seed]));
  });

  it.each([
    ["a search term the prompt lacks", { ...GRID, axes: [{ type: "replace", values: ["blue", "green"] }] }, "axes.0.values"],
    ["a list the grid does not carry", { ...GRID, prompt: "a __colour__ house", axes: [{ type: "variables", mode: "all", count: 2, pickSeed: 1 }] }, "prompt"],
    ["too many cells", { ...GRID, axes: [{ type: "seed", values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }, { type: "negative", values: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"] }] }, "axes"],
    ["an unknown axis", { ...GRID, axes: [{ type: "steps", values: [10, 20] }] }, "axes.0.type"],
  ])("refuses %s before the gateway is called", async (_, body, field) => {
    const response = await grids.POST(post("http://localhost/api/grids", body));
    const text = await response.text();
    const got = { status: response.status, headers: response.headers, text, json: JSON.parse(text) as unknown };
    expect(expectErrorBody(got)).toBe("invalid_request");
    expect((got.json as { error: { fields: Array<{ field: string }> } }).error.fields[0]?.field).toBe(field);
    expect(harness.server.simulator.stats().calls).toBe(0);
  });
});
