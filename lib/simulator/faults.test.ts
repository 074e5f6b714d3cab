import { afterEach, describe, expect, it, vi } from "vitest";
import { isConnectionReset } from "./envelopes";
import { PRIVATE_REDIRECT_TARGET, type FaultKind } from "./faults";
import { createSimulator } from "./handler";
import { startSimulatorServer } from "./node-server";
import { generate, nativeBody, TEST_KEY, useSimulatorServer, waitFor } from "./test-support";

const current = useSimulatorServer();

const VALID = nativeBody("wan2.6-t2i", "a kitten", { n: 1 });

const injectOverHttp = (spec: Record<string, unknown>) =>
  fetch(`${current().url}/__sim/faults`, { method: "POST", body: JSON.stringify(spec) });

describe("DashScope-envelope faults", () => {
  const cases: ReadonlyArray<readonly [FaultKind, number, string, string | null]> = [
    ["rate_limit", 429, "Throttling.RateQuota", "7"],
    ["server_error", 500, "InternalError", null],
    ["unavailable", 503, "ModelUnavailable", "7"],
    ["moderation", 400, "DataInspectionFailed", null],
    ["bad_key", 401, "InvalidApiKey", null],
    ["access_denied", 403, "Model.AccessDenied", null],
    ["arrearage", 400, "Arrearage", null],
    ["upstream_timeout", 408, "RequestTimeOut", null],
  ];
  it.each(cases)("%s answers %i %s", async (kind, status, code, retryAfter) => {
    expect((await injectOverHttp({ kind })).status).toBe(200);
    const response = await generate(current(), VALID);
    expect(response.status).toBe(status);
    expect(response.headers.get("retry-after")).toBe(retryAfter);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ code, message: expect.any(String), request_id: response.headers.get("x-request-id") });
    expect((await generate(current(), VALID)).status).toBe(200);
    expect(current().simulator.stats()).toMatchObject({ calls: 2, rejected: 1, succeeded: 1, faulted: 1 });
  });

  it("takes its Retry-After from the spec, or leaves it out", async () => {
    current().simulator.injectFault({ kind: "rate_limit", retryAfterSeconds: 30 });
    expect((await generate(current(), VALID)).headers.get("retry-after")).toBe("30");
    current().simulator.injectFault({ kind: "rate_limit", retryAfterSeconds: null });
    const bare = await generate(current(), VALID);
    expect([bare.status, bare.headers.get("retry-after")]).toEqual([429, null]);
  });

  it("answers any refusal named by its status and code, with its words and a Retry-After only when given", async () => {
    expect((await injectOverHttp({ kind: "dashscope", upstream: { status: 429, code: "Throttling.AllocationQuota", message: "Free quota used up." } })).status).toBe(200);
    const named = await generate(current(), VALID);
    expect([named.status, named.headers.get("retry-after")]).toEqual([429, null]);
    expect(await named.json()).toEqual({ code: "Throttling.AllocationQuota", message: "Free quota used up.", request_id: named.headers.get("x-request-id") });
    current().simulator.injectFault({ kind: "dashscope", retryAfterSeconds: 3, upstream: { status: 500, code: "InternalError.Timeout" } });
    const timed = await generate(current(), VALID);
    expect([timed.status, timed.headers.get("retry-after")]).toEqual([500, "3"]);
    expect(await timed.json()).toMatchObject({ code: "InternalError.Timeout", message: expect.stringContaining("InternalError.Timeout") });
  });

  it("refuses a refusal without its code, a code on any other fault, and a refusal among periodic faults", async () => {
    expect((await injectOverHttp({ kind: "dashscope" })).status).toBe(400);
    expect((await injectOverHttp({ kind: "dashscope", upstream: { status: 200, code: "Fine" } })).status).toBe(400);
    expect((await injectOverHttp({ kind: "rate_limit", upstream: { status: 429, code: "Throttling" } })).status).toBe(400);
    const periodic = await fetch(`${current().url}/__sim/config`, { method: "POST", body: JSON.stringify({ periodicFaults: { every: 2, kinds: ["dashscope"] } }) });
    expect(periodic.status).toBe(400);
    expect((await generate(current(), VALID)).status).toBe(200);
  });
});

describe("malformed answers", () => {
  it("openai_error uses the OpenAI envelope", async () => {
    current().simulator.injectFault({ kind: "openai_error" });
    const response = await generate(current(), VALID);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { message: expect.any(String), type: "server_error", param: null, code: "internal_error" },
    });
  });

  it("garbage is a 200 HTML page", async () => {
    current().simulator.injectFault({ kind: "garbage" });
    const response = await generate(current(), VALID);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toBe("<html><body>502 Bad Gateway</body></html>");
  });

  it("truncated is 200 JSON cut off mid-way", async () => {
    current().simulator.injectFault({ kind: "truncated" });
    const response = await generate(current(), VALID);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const text = await response.text();
    expect(text.startsWith('{"created":')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it("wrong_schema is valid JSON of the wrong shape", async () => {
    current().simulator.injectFault({ kind: "wrong_schema" });
    const response = await generate(current(), VALID);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ created: 1, data: "nope" });
    expect(current().simulator.stats()).toMatchObject({ calls: 1, succeeded: 0, rejected: 0, faulted: 1 });
  });
});

describe("fault queue", () => {
  it("applies a fault to the next N calls, before any validation", async () => {
    current().simulator.injectFault({ kind: "server_error", times: 2 });
    expect((await generate(current(), "{not json", { key: null })).status).toBe(500);
    expect((await generate(current(), VALID)).status).toBe(500);
    expect((await generate(current(), VALID)).status).toBe(200);
  });

  it("uses up specs in order, and reset drops the rest", async () => {
    current().simulator.injectFault({ kind: "moderation" });
    current().simulator.injectFault({ kind: "arrearage" });
    current().simulator.injectFault({ kind: "rate_limit" });
    expect(((await (await generate(current(), VALID)).json()) as { code: string }).code).toBe("DataInspectionFailed");
    expect(((await (await generate(current(), VALID)).json()) as { code: string }).code).toBe("Arrearage");
    expect((await fetch(`${current().url}/__sim/reset`, { method: "POST" })).status).toBe(200);
    expect((await generate(current(), VALID)).status).toBe(200);
  });

  it("hits only the model a spec names, and lets other models' calls pass", async () => {
    const { model } = VALID;
    current().simulator.injectFault({ kind: "server_error", model: "some-other-model" });
    current().simulator.injectFault({ kind: "moderation", model });
    expect(((await (await generate(current(), VALID)).json()) as { code: string }).code).toBe("DataInspectionFailed");
    expect((await generate(current(), VALID)).status).toBe(200);
    expect((await generate(current(), { ...VALID, model: "some-other-model" })).status).toBe(500);
  });

  it("throws on a malformed spec given in code", () => {
    expect(() => current().simulator.injectFault({ kind: "meteor" as FaultKind })).toThrow();
    expect(() => current().simulator.injectFault({ kind: "hang", times: -1 })).toThrow();
  });
});

describe("answers that only end when the client gives up", () => {
  it("hang waits until the client aborts, then counts it aborted", async () => {
    current().simulator.injectFault({ kind: "hang" });
    const call = generate(current(), VALID, { signal: AbortSignal.timeout(150) });
    await expect(call).rejects.toThrow();
    await waitFor(() => current().simulator.stats().aborted === 1);
    expect(current().simulator.stats()).toMatchObject({ calls: 1, faulted: 1, succeeded: 0, rejected: 0 });
    expect((await generate(current(), VALID)).status).toBe(200);
  });

  it("oversized streams a JSON-looking body without end until the client aborts", async () => {
    current().simulator.injectFault({ kind: "oversized" });
    const controller = new AbortController();
    const response = await generate(current(), VALID, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    let received = 0;
    while (received < 1024 * 1024) {
      const { value } = await reader.read();
      received += value?.length ?? 0;
      if (text.length < 64) text += decoder.decode(value, { stream: true });
    }
    expect(text.startsWith('{"created":')).toBe(true);
    controller.abort();
    await waitFor(() => current().simulator.stats().aborted === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(current().simulator.stats()).toMatchObject({ calls: 1, aborted: 1, faulted: 1, succeeded: 0 });
  });

  it("latency can be cut short by the client", async () => {
    current().simulator.configure({ latencyMs: 60_000 });
    const started = Date.now();
    await expect(generate(current(), VALID, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    await waitFor(() => current().simulator.stats().aborted === 1);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(current().simulator.stats()).toMatchObject({ calls: 1, succeeded: 0 });
  });

  it("latency delays the answer", async () => {
    current().simulator.configure({ latencyMs: 150 });
    const started = Date.now();
    expect((await generate(current(), VALID)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("close() ends hanging requests instead of waiting for them", async () => {
    const other = await startSimulatorServer({});
    other.simulator.injectFault({ kind: "hang" });
    const call = generate(other, VALID);
    await waitFor(() => other.simulator.stats().calls === 1);
    const started = Date.now();
    await other.close();
    await expect(call).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("slow, redirected and dropped answers", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("slow_drip starts at once, then sends a few bytes at a time until the client leaves", async () => {
    current().simulator.injectFault({ kind: "slow_drip" });
    const controller = new AbortController();
    const response = await generate(current(), VALID, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    const started = performance.now();
    const second = await reader.read();
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    expect((first.value?.length ?? 0) + (second.value?.length ?? 0)).toBeLessThanOrEqual(16);
    controller.abort();
    await waitFor(() => current().simulator.stats().aborted === 1);
    expect(current().simulator.stats()).toMatchObject({ calls: 1, faulted: 1, succeeded: 0, rejected: 0 });
  });

  it("slow_drip's body, read to the end, is a valid answer that took seconds", async () => {
    vi.useFakeTimers();
    const simulator = createSimulator({});
    simulator.injectFault({ kind: "slow_drip" });
    const response = await simulator.handle(
      new Request("http://simulator.test/v1/images/generations", { method: "POST", body: JSON.stringify(VALID) }),
    );
    const started = Date.now();
    const text = response.text();
    await vi.runAllTimersAsync();
    const body = JSON.parse(await text) as { data: Array<{ b64_json: string }> };
    expect(body.data[0]?.b64_json).toMatch(/^iVBORw0KGgo/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
  });

  it("redirect_private points at a private address and goes no further itself", async () => {
    current().simulator.injectFault({ kind: "redirect_private" });
    const response = await fetch(`${current().url}/v1/images/generations`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_KEY}` },
      body: JSON.stringify(VALID),
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(PRIVATE_REDIRECT_TARGET);
    expect(current().simulator.stats()).toMatchObject({ calls: 1, faulted: 1, succeeded: 0, rejected: 0 });
  });

  it("connection_reset drops the socket without any answer, and the server carries on", async () => {
    current().simulator.injectFault({ kind: "connection_reset" });
    const failure = await generate(current(), VALID).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect(["ECONNRESET", "UND_ERR_SOCKET"]).toContain(((failure as TypeError).cause as { code?: string }).code);
    expect((await generate(current(), VALID)).status).toBe(200);
    expect(current().simulator.stats()).toMatchObject({ calls: 2, faulted: 1, rejected: 1, succeeded: 1 });
  });

  it("connection_reset is a bare 502 where no socket can be dropped", async () => {
    const simulator = createSimulator({});
    simulator.injectFault({ kind: "connection_reset" });
    const response = await simulator.handle(new Request("http://simulator.test/v1/images/generations", { method: "POST" }));
    expect(isConnectionReset(response)).toBe(true);
    expect(response.status).toBe(502);
  });
});

describe("periodic faults for load tests", () => {
  it("fails every n-th call with the kinds in turn, and reset stops it", async () => {
    current().simulator.configure({ periodicFaults: { every: 3, kinds: ["server_error", "moderation"] } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await generate(current(), VALID)).status);
    expect(statuses).toEqual([200, 200, 500, 200, 200, 400, 200]);
    current().simulator.reset();
    for (let i = 0; i < 3; i++) expect((await generate(current(), VALID)).status).toBe(200);
  });
});
