import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ComparisonView } from "@/lib/generation/view";
import { DEFAULT_GRID } from "@/lib/grid/grid-plan";
import type { GridRequest } from "@/lib/grid/grid-request";
import { captureConsole, settledSet, startRouteHarness, type CapturedLog, type RouteHarness } from "@/test/route-harness";

/** The grid downloaded as one PNG, in-process, against the simulator, its image store failing on purpose. */

let harness: RouteHarness;
let logs: CapturedLog[];
let grids: typeof import("@/app/api/grids/route");
let gridImage: typeof import("./route");

beforeAll(async () => {
  logs = captureConsole();
  harness = await startRouteHarness();
  grids = await import("@/app/api/grids/route");
  gridImage = await import("./route");
});
afterAll(async () => {
  await harness?.close();
});

const GRID: GridRequest = { ...DEFAULT_GRID, prompt: "A red lighthouse at dawn", axes: [{ type: "seed", values: [11, 12, 13] }] };

describe("GET /api/comparisons/<id>/grid", () => {
  it("is drawn while the image store fails: the cells it could not read say so, as the other downloads do", async () => {
    const started = (await (await grids.POST(new Request("http://localhost/api/grids", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(GRID) }))).json()) as ComparisonView;
    const grid = await settledSet(harness, started.id);
    const [unreachable, damaged] = grid.columns.map((column) => column.generation.images[0]?.id ?? "");
    const { read } = harness.history.images;
    const failing = vi.spyOn(harness.history.images, "read").mockImplementation(async (id, variant) => {
      if (id === unreachable) throw new Error("connect ECONNREFUSED 127.0.0.1:3474");
      if (id === damaged) return Buffer.from("not a picture at all");
      return read(id, variant);
    });
    try {
      const response = await gridImage.GET(new Request(`http://localhost/api/comparisons/${grid.id}/grid`), { params: Promise.resolve({ id: grid.id }) });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).format).toBe("png");
      const said = logs.filter(({ level }) => level === "error").map(({ line }) => line);
      expect(said).toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`^image ${unreachable} could not be read for a grid image.*ECONNREFUSED`)),
          expect.stringMatching(new RegExp(`^image ${damaged} could not be read for a grid image`)),
        ]),
      );
    } finally {
      failing.mockRestore();
    }
  }, 60_000);
});
