import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GenerationView } from "@/lib/generation/view";
import { captureConsole, getRecord, postJson, startRouteHarness, waitFor, type RouteHarness } from "@/test/route-harness";

/**
 * What a generation's record says of how it ended, through the real routes and the simulator on a socket: a
 * cancelled call's bill as far as anyone can tell, and images of another size than asked said as they are.
 */

let harness: RouteHarness;
let cancelRoute: typeof import("@/app/api/generations/[id]/cancel/route");
beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ latencyMs: 0, responseFormat: "url" });
  cancelRoute = await import("@/app/api/generations/[id]/cancel/route");
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(() => {
  harness.server.simulator.reset();
});

const REQUEST = { model: "wan2.2-t2i-flash", prompt: "a lighthouse at dusk", negativePrompt: "", width: 1440, height: 960, n: 3, seed: 7, promptExtend: false, watermark: false };

const start = async (body: object): Promise<GenerationView> => {
  const accepted = await postJson(harness, JSON.stringify(body));
  expect(accepted.status, accepted.text).toBe(202);
  return accepted.json as GenerationView;
};

const ended = async (id: string): Promise<GenerationView> => {
  await harness.history.runner.idle();
  return getRecord(harness, id);
};

describe("a generation cancelled while its call was out", () => {
  it("keeps its bill unknown on the record, while today's count keeps every image asked", async () => {
    harness.server.simulator.configure({ latencyMs: 8_000 });
    const before = (await harness.history.runner.usage()).imagesToday;
    const { id } = await start(REQUEST);
    await waitFor(() => harness.server.simulator.stats().calls === 1, "the call to go out");
    const cancelled = await cancelRoute.POST(new Request(`http://localhost/api/generations/${id}/cancel`, { method: "POST" }), { params: Promise.resolve({ id }) });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: "cancelled", billedImages: null });
    // The runner's own end of the call, once it has seen the cancel, settles the bill: still unknown.
    expect(await ended(id)).toMatchObject({ status: "cancelled", billedImages: null });
    expect((await harness.history.runner.usage()).imagesToday - before).toBe(3);
  });
});

describe("images of another size than asked", () => {
  it("are kept as billed, at the size they have, and the record says they are not the size asked for", async () => {
    // The slow drip answers one 1*1 PNG whatever was asked.
    harness.server.simulator.injectFault({ kind: "slow_drip" });
    const { id } = await start({ ...REQUEST, n: 1 });
    const record = await ended(id);
    expect(record).toMatchObject({ status: "succeeded", images: [{ width: 1, height: 1 }] });
    expect(record.notices).toEqual(["The gateway's image is 1*1, not the 1440*960 asked for."]);
  }, 20_000);

  it("say nothing of the size when the images are the size asked for", async () => {
    const record = await ended((await start({ ...REQUEST, n: 2 })).id);
    expect(record).toMatchObject({ status: "succeeded", images: [{ width: 1440, height: 960 }, { width: 1440, height: 960 }], notices: [] });
  });
});
