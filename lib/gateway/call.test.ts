import { beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../errors";
import { defaultRequest } from "../models/defaults";
import type { SentRequest } from "../generation/result";
import { useSimulatorServer } from "../simulator/test-support";
import { callGateway, maxResponseBytes, type CallOptions } from "./call";

/** The gateway call over a real socket against the simulator: no mocked fetch anywhere. */

const KEY = "sk-call-test-0123456789";
const current = useSimulatorServer({ apiKey: KEY });
const options: CallOptions = { requestStyle: "native", timeoutMs: 5_000 };
const target = () => ({ baseUrl: current().url, apiKey: KEY });
const request = (overrides: Partial<SentRequest> = {}): SentRequest => ({
  ...defaultRequest("wan2.2-t2i-flash"),
  prompt: "a kitten on grass",
  width: 512,
  height: 512,
  seed: 1,
  ...overrides,
});

const failureOf = async (promise: Promise<unknown>): Promise<AppError> => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected the call to fail");
};

beforeEach(() => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

describe("calling the gateway", () => {
  it.each(["native", "flat"] as const)("%s style: images with revised prompts and the seed that was used", async (requestStyle) => {
    const result = await callGateway(target(), { ...options, requestStyle }, request({ n: 2, seed: 7 }));
    expect(result.images).toHaveLength(2);
    expect(result.images[0]?.source).toMatchObject({ kind: "url", url: expect.stringMatching(new RegExp(`^${current().url}/`)) });
    expect(result.images[0]?.revisedPrompt).toContain("a kitten on grass");
    expect(result.request.seed).toBe(7);
    expect(current().simulator.stats().lastRequest).toMatchObject({ style: requestStyle, size: "512*512", n: 2, seed: 7 });
  });

  it("takes b64_json images", async () => {
    current().simulator.configure({ responseFormat: "b64_json" });
    const result = await callGateway(target(), options, request({ promptExtend: false }));
    expect(result.images[0]).toMatchObject({ revisedPrompt: "", source: { kind: "base64", data: expect.stringMatching(/^iVBOR/) } });
  });

  it.each([
    ["rate_limit", "rate_limited", 429],
    ["unavailable", "model_unavailable", 503],
    ["server_error", "upstream_error", 502],
    ["openai_error", "upstream_error", 502],
    ["moderation", "moderation_refused", 422],
    ["bad_key", "bad_api_key", 502],
    ["access_denied", "model_access_denied", 403],
    ["arrearage", "out_of_credit", 402],
    ["upstream_timeout", "timeout", 504],
    ["garbage", "bad_upstream_response", 502],
    ["truncated", "bad_upstream_response", 502],
    ["wrong_schema", "bad_upstream_response", 502],
  ] as const)("fault %s -> %s (%i)", async (kind, code, status) => {
    current().simulator.injectFault({ kind, retryAfterSeconds: 3 });
    const error = await failureOf(callGateway(target(), options, request()));
    expect([error.code, error.status]).toEqual([code, status]);
    expect(error.message).not.toContain(KEY);
    if (kind === "rate_limit" || kind === "unavailable") expect(error.retryAfterSeconds).toBe(3);
  });

  it("maps the simulator's own refusal of a bad parameter", async () => {
    const error = await failureOf(callGateway(target(), options, request({ width: 2000 })));
    expect(error.code).toBe("parameter_rejected");
  });

  it("a wrong key is the server's problem, said without the key", async () => {
    const error = await failureOf(callGateway({ baseUrl: current().url, apiKey: "sk-wrong-key-000000" }, options, request()));
    expect(error.code).toBe("bad_api_key");
    expect(error.message).not.toContain("sk-wrong");
  });

  it("cancelling aborts the upstream call", async () => {
    current().simulator.injectFault({ kind: "hang" });
    const controller = new AbortController();
    const pending = callGateway(target(), options, request(), controller.signal);
    await vi.waitFor(() => expect(current().simulator.stats().calls).toBe(1));
    controller.abort();
    expect((await failureOf(pending)).code).toBe("cancelled");
    await vi.waitFor(() => expect(current().simulator.stats().aborted).toBe(1));
  });

  it("gives up after the timeout and says so", async () => {
    current().simulator.injectFault({ kind: "hang" });
    const error = await failureOf(callGateway(target(), { ...options, timeoutMs: 300 }, request()));
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("No answer from the gateway within 0.3 seconds");
  });

  it("cuts off an endless body at the size the request could honestly need", async () => {
    current().simulator.injectFault({ kind: "oversized" });
    const error = await failureOf(callGateway(target(), options, request()));
    expect(error.code).toBe("bad_upstream_response");
    expect(error.message).toContain("too large");
    expect(maxResponseBytes({ ...request(), seed: 1 })).toBeLessThan(3 * 1024 * 1024);
  });

  it("says plainly when the gateway cannot be reached", async () => {
    const error = await failureOf(callGateway({ baseUrl: "http://127.0.0.1:9", apiKey: KEY }, options, request()));
    expect(error.code).toBe("upstream_unreachable");
  });
});
