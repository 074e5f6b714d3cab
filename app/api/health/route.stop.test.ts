import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processStop } from "@/lib/process-stop";
import { captureConsole, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/** A load balancer's probe while the server stops. The stop is this process's, once: it has a file of its own. */

let harness: RouteHarness;
let health: typeof import("./route");
beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness();
  health = await import("./route");
});
afterAll(async () => {
  await harness?.close();
});

describe("the health probe", () => {
  it("answers 503 once the server is stopping, and closes the connection the balancer would keep probing over", async () => {
    const before = await health.GET();
    expect([before.status, await before.json(), before.headers.get("connection")]).toEqual([200, { ok: true }, null]);
    processStop().begin("SIGTERM");
    const stopping = await health.GET();
    expect([stopping.status, await stopping.json()]).toEqual([503, { ok: false }]);
    expect(stopping.headers.get("connection")).toBe("close");
    expect(stopping.headers.get("cache-control")).toBe("no-store");
  });
});
