import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GatewayCheck } from "@/lib/gateway/check";
import type { GenerationView } from "@/lib/generation/view";
import type { AnswerShape } from "@/lib/simulator/answer-shapes";
import { CANARY_KEY, captureConsole, getRecord, jsonPost, post, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/**
 * Each answer shape a gateway may send, and the asynchronous task flow with its polling, end to end: the real
 * route, the real job runner and gateway client (default poll intervals), the simulator on a real socket.
 */

let harness: RouteHarness;
beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ latencyMs: 0 });
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(() => {
  harness.server.simulator.reset();
  harness.server.simulator.configure({ answerShape: "openai", latencyMs: 0 });
});

const BODY = { model: "wan2.6-t2i", prompt: "a lighthouse at dusk, 灯塔", negativePrompt: "", width: 1280, height: 1280, n: 2, seed: 5, promptExtend: true, watermark: false };
const generate = async (body: object = BODY): Promise<GenerationView> => {
  const got = await post(harness, jsonPost(JSON.stringify(body), { prefer: "wait=20" }));
  expect(got.status, got.text).toBe(200);
  return got.json as GenerationView;
};
const ID = /^[0-9a-f-]{36}$/;

describe("every answer shape through the route", () => {
  it.each(["openai", "multimodal", "text2image", "task"] as const satisfies readonly AnswerShape[])("%s", async (answerShape) => {
    harness.server.simulator.configure({ answerShape });
    const record = await generate();
    expect(record).toMatchObject({ status: "succeeded", billedImages: 2, notices: [], error: null, requestId: expect.stringMatching(ID) });
    expect(record.images).toHaveLength(2);
    expect(record.images[0]).toMatchObject({ width: 1280, height: 1280, revisedPrompt: expect.stringContaining("a lighthouse at dusk") });
    expect(record.taskId === null).toBe(answerShape === "openai" || answerShape === "multimodal");
    if (answerShape === "task") expect(harness.server.simulator.stats().taskQueries).toBeGreaterThanOrEqual(1);
    expect(await getRecord(harness, record.id)).toEqual(record);
  });

  it("a partial multimodal answer is kept with what did not come, and today's count is what was billed", async () => {
    const limits = async () => (await (await import("@/app/api/limits/route")).GET(new Request("http://localhost/api/limits"))).json() as Promise<{ imagesToday: number }>;
    const before = (await limits()).imagesToday;
    harness.server.simulator.configure({ answerShape: "multimodal" });
    harness.server.simulator.injectFault({ kind: "partial" });
    const record = await generate({ ...BODY, n: 3 });
    expect(record).toMatchObject({
      status: "succeeded",
      billedImages: 2,
      notices: ["The gateway returned 2 of the 3 images asked for.", "The model stopped early (finish reason: content_filter)."],
    });
    expect((await limits()).imagesToday - before).toBe(2);
  });

  it("a task that ends FAILED, and an answer of no known shape, fail with the ids to quote and keep nothing", async () => {
    harness.server.simulator.injectFault({ kind: "task_failed" });
    const failed = await generate();
    expect(failed).toMatchObject({ status: "failed", images: [], error: { code: "upstream_error" }, requestId: expect.stringMatching(ID), taskId: expect.stringMatching(ID) });
    harness.server.simulator.injectFault({ kind: "unknown_shape" });
    const odd = await generate();
    expect(odd).toMatchObject({ status: "failed", images: [], error: { code: "bad_upstream_response" }, requestId: expect.stringMatching(ID) });
    expect(odd.error?.message).toContain("not an image result (an unknown shape)");
  });
});

describe("POST /api/gateway/check", () => {
  const check = async () => {
    const route = await import("@/app/api/gateway/check/route");
    const response = await route.POST(new Request("http://localhost/api/gateway/check", { method: "POST" }));
    return { status: response.status, text: await response.text() };
  };

  it("checks every model without spending, never shows the key, and is limited to a few a minute", async () => {
    const first = await check();
    expect(first.status, first.text).toBe(200);
    const report = JSON.parse(first.text) as GatewayCheck;
    expect(report).toMatchObject({ mode: "live", baseUrl: harness.server.url, key: "accepted", reachable: { ok: true } });
    expect(report.models.every((probe) => probe.outcome === "answers")).toBe(true);
    expect(harness.server.simulator.stats().succeeded).toBe(0);
    expect(first.text).not.toContain(CANARY_KEY);
    for (let run = 2; run <= 4; run++) expect((await check()).status).toBe(200);
    const refused = await check();
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.text)).toMatchObject({ error: { code: "too_many_requests", message: expect.stringContaining("You have checked the connection 4 times") } });
  });
});
