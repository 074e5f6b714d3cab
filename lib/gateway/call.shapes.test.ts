import { beforeEach, describe, expect, it, vi } from "vitest";
import { defaultRequest } from "../models/defaults";
import type { SentGenerate } from "../generation/result";
import type { AnswerShape } from "../simulator/answer-shapes";
import { useSimulatorServer } from "../simulator/test-support";
import { failureOf } from "@/test/call-support";
import { callGateway, type CallOptions } from "./call";
import { KEPT_PER_ANSWER } from "./shortfall";

/**
 * Every answer shape the gateway may send, and the asynchronous task flow, through the real client against the
 * simulator on a real socket: nothing between the call and the wire is mocked.
 */

const KEY = "sk-shapes-test-0123456789";
const current = useSimulatorServer({ apiKey: KEY });
const options: CallOptions = { requestStyle: "native", timeoutMs: 5_000, backoffMs: [10, 20], pollIntervalsMs: [20, 40] };
const target = () => ({ baseUrl: current().url, apiKey: KEY });
const sim = () => current().simulator;
const request = (overrides: Partial<SentGenerate> = {}): SentGenerate => ({
  ...defaultRequest("wan2.2-t2i-flash"),
  prompt: "a kitten on grass",
  width: 512,
  height: 512,
  n: 2,
  seed: 1,
  ...overrides,
});

beforeEach(() => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  vi.spyOn(console, "info").mockImplementation(() => undefined);
});

describe("every answer shape gives the same result", () => {
  it.each(["openai", "multimodal", "text2image", "task"] as const satisfies readonly AnswerShape[])("%s", async (shape) => {
    sim().configure({ answerShape: shape, latencyMs: shape === "task" ? 100 : 0 });
    const onTask = vi.fn();
    const result = await callGateway(target(), options, request(), undefined, { onTask });
    expect(result.images).toHaveLength(2);
    for (const image of result.images) {
      expect(image.source).toMatchObject({ kind: "url", url: expect.stringMatching(new RegExp(`^${current().url}/v1/files/`)) });
      // The rewritten prompt arrives whichever field carries it (revised_prompt, a text item, actual_prompt).
      expect(image.revisedPrompt).toContain("a kitten on grass");
    }
    expect(result.billedImages).toBe(2);
    expect(result.notices).toEqual([]);
    // In the body (Model Studio's shapes) or a header (the documented one).
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    if (shape === "task" || shape === "text2image") expect(result.taskId).toMatch(/^[0-9a-f-]{36}$/);
    if (shape === "task") {
      expect(onTask).toHaveBeenCalledWith({ requestId: result.requestId, taskId: result.taskId });
      // Followed until it ended: PENDING, RUNNING, then the results.
      expect(sim().stats().taskQueries).toBeGreaterThanOrEqual(2);
    } else expect(onTask).not.toHaveBeenCalled();
  });
});

describe("partial and excess answers", () => {
  it.each(["openai", "multimodal", "text2image", "task"] as const)("%s: a partial answer keeps what came and says what did not", async (shape) => {
    sim().configure({ answerShape: shape });
    sim().injectFault({ kind: "partial" });
    const result = await callGateway(target(), options, request({ n: 3 }));
    expect(result.images).toHaveLength(2);
    expect(result.billedImages).toBe(2);
    expect(result.notices[0]).toBe("The gateway returned 2 of the 3 images asked for.");
    if (shape === "text2image" || shape === "task") expect(result.notices).toContain("Content moderation refused 1 of them.");
    if (shape === "multimodal") expect(result.notices).toContain("The model stopped early (finish reason: content_filter).");
  });

  it("a partial answer of a single image is the upstream's refusal, with its ids", async () => {
    sim().configure({ answerShape: "text2image" });
    sim().injectFault({ kind: "partial" });
    const error = await failureOf(callGateway(target(), options, request({ n: 1 })));
    expect(error.code).toBe("moderation_refused");
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.taskId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("more images than asked are all taken and billed", async () => {
    sim().injectFault({ kind: "over_deliver" });
    const result = await callGateway(target(), options, request({ n: 1 }));
    expect(result.images).toHaveLength(4);
    expect(result.billedImages).toBe(4);
    expect(result.notices).toEqual(["The gateway returned 4 images, more than the 1 asked for; all are counted."]);
  });

  it("more images than any model makes are counted and billed, and only as many as that are kept", async () => {
    sim().injectFault({ kind: "over_deliver" });
    const result = await callGateway(target(), options, request({ n: 4 }));
    expect(KEPT_PER_ANSWER).toBe(6);
    expect(result.images).toHaveLength(6);
    expect(result.billedImages).toBe(7);
    expect(result.notices).toEqual(["The gateway returned 7 images, more than the 4 asked for; the first 6 are taken, and all are counted."]);
  });

  it("an unknown shape fails safely, naming the request id", async () => {
    sim().configure({ answerShape: "multimodal" });
    sim().injectFault({ kind: "unknown_shape" });
    const error = await failureOf(callGateway(target(), options, request()));
    expect(error.code).toBe("bad_upstream_response");
    expect(error.message).toContain("(an unknown shape)");
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("asynchronous tasks", () => {
  it.each([
    ["task_failed", "upstream_error", "The image service failed on its side; try again."],
    ["task_canceled", "upstream_error", "The gateway cancelled the task before it finished."],
    ["task_unknown", "upstream_error", "The gateway no longer knows the task"],
  ] as const)("%s ends as %s with a clear message and the task id", async (kind, code, message) => {
    sim().injectFault({ kind });
    const error = await failureOf(callGateway(target(), options, request()));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect(error.taskId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a task still pending at the deadline says so, and that it may still be billed", async () => {
    sim().injectFault({ kind: "task_stuck" });
    const error = await failureOf(callGateway(target(), { ...options, timeoutMs: 400 }, request()));
    expect(error.code).toBe("timeout");
    expect(error.message).toBe(
      "The gateway's task was still RUNNING after 0.4 seconds, so the playground stopped waiting. It may still finish and be billed; quote its task id to the gateway's support.",
    );
    expect(error.taskId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a cancel while the task waits is passed on to the gateway", async () => {
    sim().configure({ answerShape: "task", latencyMs: 10_000 });
    const controller = new AbortController();
    const onTask = vi.fn();
    const pending = callGateway(target(), options, request(), controller.signal, { onTask, generationId: "gen-cancelled" });
    await vi.waitFor(() => expect(sim().stats().taskQueries).toBeGreaterThanOrEqual(1));
    controller.abort();
    expect((await failureOf(pending)).code).toBe("cancelled");
    // The cancel is sent after the call has given up: on a busy machine it may take more than waitFor's default second.
    await vi.waitFor(() => expect(sim().stats().taskCancels).toBe(1), { timeout: 10_000 });
    // Its answer is logged with the task, the model and the generation, as the call's other lines are.
    const taskId = (onTask.mock.calls[0]?.[0] as { taskId: string }).taskId;
    await vi.waitFor(() => expect(console.info).toHaveBeenCalledWith(`gateway task ${taskId} cancel for wan2.2-t2i-flash (generation gen-cancelled) answered 200`), { timeout: 10_000 });
  });

  it("queries that fail for a moment are asked again", async () => {
    sim().injectFault({ kind: "task_flaky" });
    const result = await callGateway(target(), options, request());
    expect(result.images).toHaveLength(2);
    // Two queries answered 503, then the task was read to its end.
    expect(sim().stats().taskQueries).toBeGreaterThanOrEqual(3);
  });

  it("a task route that answers 404 is named, with the task id", async () => {
    sim().configure({ answerShape: "task", latencyMs: 100 });
    const error = await failureOf(callGateway(target(), { ...options, taskPath: "/v1/nowhere/{task_id}" }, request()));
    expect(error.code).toBe("bad_upstream_response");
    expect(error.message).toContain("check ONETOKEN_TASK_PATH");
    expect(error.taskId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
