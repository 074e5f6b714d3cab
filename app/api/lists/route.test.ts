import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_GRID } from "@/lib/grid/grid-plan";
import { captureConsole, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/** Saved lists and the grids that use them: a body within the rules is never refused for its size. */

let harness: RouteHarness;
const routes = {} as { lists: typeof import("./route"); grids: typeof import("../grids/route") };

beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ latencyMs: 10 });
  Object.assign(routes, { lists: await import("./route"), grids: await import("../grids/route") });
});
afterAll(async () => {
  await harness?.close();
});

const json = (url: string, method: string, body: unknown) =>
  new Request(`http://localhost${url}`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** A list as full as the rules let it be, in Chinese: 200 items of 200 characters (about 120 kB as JSON). */
const fullList = (tag: string) => Array.from({ length: 200 }, (_, index) => `${tag}${String(index).padStart(3, "0")}${"雪中的狐狸".repeat(40)}`.slice(0, 200));

describe("a list and a grid as large as the rules allow", () => {
  it("a full list of Chinese words is saved", async () => {
    const saved = await routes.lists.PUT(json("/api/lists", "PUT", { name: "foxes", items: fullList("a") }));
    expect(saved.status).toBe(200);
  });

  it("a grid that uses five full lists is started", async () => {
    const names = ["l0", "l1", "l2", "l3", "l4"];
    const grid = { ...DEFAULT_GRID, prompt: names.map((name) => `__${name}__`).join(" "), axes: [{ type: "variables", mode: "random", count: 2, pickSeed: 1 }], lists: Object.fromEntries(names.map((name) => [name, fullList(name)])) };
    const started = await routes.grids.POST(json("/api/grids", "POST", grid));
    expect(started.status).toBe(202);
  });
});
