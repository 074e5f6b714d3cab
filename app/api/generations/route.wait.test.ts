import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerationView } from "@/lib/generation/view";
import { captureConsole, jsonPost, post, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/** `Prefer: wait=N`: one call per generation for scripts, answered when the job ends or N seconds pass. */

let harness: RouteHarness;
beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ latencyMs: 100 });
});
afterAll(async () => {
  await harness?.close();
});

const BODY = JSON.stringify({ model: "wan2.2-t2i-flash", prompt: "a kitten", negativePrompt: "", width: 512, height: 512, n: 1, seed: 3, promptExtend: false, watermark: false });

describe("POST /api/generations with Prefer: wait", () => {
  it("answers 200 with the finished record and its images", async () => {
    const got = await post(harness, jsonPost(BODY, { prefer: "wait=10" }));
    expect(got.status).toBe(200);
    expect(got.headers.get("preference-applied")).toBe("wait=10");
    expect(got.json as GenerationView).toMatchObject({ status: "succeeded", images: [{ width: 512, height: 512 }] });
  });

  it("answers 202 with the running record when the wait runs out, and the job carries on", async () => {
    harness.server.simulator.injectFault({ kind: "hang" });
    const got = await post(harness, jsonPost(BODY, { prefer: "wait=1" }));
    expect(got.status).toBe(202);
    const view = got.json as GenerationView;
    expect(view.status).toBe("running");
    await harness.history.runner.cancel(view.id);
  });

  it("answers at once without the header", async () => {
    const got = await post(harness, jsonPost(BODY));
    expect(got.status).toBe(202);
    expect((got.json as GenerationView).status).toBe("running");
    expect(got.headers.get("preference-applied")).toBeNull();
  });
});
