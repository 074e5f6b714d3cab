import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ErrorCode } from "@/lib/errors";
import { mapUpstreamError } from "@/lib/gateway/upstream-errors";
import type { GenerationStatus, GenerationView } from "@/lib/generation/view";
import type { FaultSpec } from "@/lib/simulator/faults";
import {
  CANARY_KEY,
  captureConsole,
  getRecord,
  postJson,
  startRouteHarness,
  waitFor,
  type CapturedLog,
  type RouteHarness,
} from "@/test/route-harness";
import { exposeGc } from "@/test/call-support";

/**
 * The gateway's failure modes, each injected into the simulator and driven through the real route: POST a
 * valid request (202 at once), let the background job settle, then read the record back through
 * GET /api/generations/[id]. The whole-call timeout is 3 s, so the hang costs 3 s and the slow drip 5 s.
 */

let harness: RouteHarness;
let logs: CapturedLog[];

beforeAll(async () => {
  logs = captureConsole();
  harness = await startRouteHarness({ latencyMs: 0, responseFormat: "url" });
});

afterAll(async () => {
  await harness?.close();
});

const sim = () => harness.server.simulator;

beforeEach(() => {
  sim().reset();
});

/** The cheapest valid request: one 512*512 image from a side-range model. */
const REQUEST = {
  model: "wan2.2-t2i-flash",
  prompt: "a lighthouse at dusk, 灯塔",
  negativePrompt: "",
  width: 512,
  height: 512,
  n: 1,
  seed: 42,
  promptExtend: false,
  watermark: false,
};

type Outcome = { readonly record: GenerationView; readonly elapsedMs: number; readonly calls: number };

const generateThrough = async (faults: readonly FaultSpec[]): Promise<Outcome> => {
  for (const fault of faults) sim().injectFault(fault);
  const started = performance.now();
  const accepted = await postJson(harness, JSON.stringify(REQUEST));
  expect(accepted.status, accepted.text).toBe(202);
  const view = accepted.json as GenerationView;
  expect(view.status).toBe("running");
  expect(view.request).toEqual(REQUEST);
  await harness.history.runner.idle();
  const elapsedMs = performance.now() - started;
  const record = await getRecord(harness, view.id);
  expect(record.id).toBe(view.id);
  return { record, elapsedMs, calls: sim().stats().calls };
};

/** The lines a failed call logged, found by its model and its generation, as whoever runs the server would look. */
const failureLines = (id: string) => logs.filter((entry) => entry.level === "error" && entry.line.startsWith(`gateway call for ${REQUEST.model} (generation ${id}) failed: `)).map((entry) => entry.line);

type Case = {
  readonly name: string;
  readonly faults: readonly FaultSpec[];
  readonly status: GenerationStatus;
  readonly code: ErrorCode | null;
  readonly calls: number;
  readonly check?: (outcome: Outcome) => void;
};

const CASES: readonly Case[] = [
  {
    name: "429 with Retry-After 60: passed on, not waited for",
    faults: [{ kind: "rate_limit", retryAfterSeconds: 60 }],
    status: "failed",
    code: "rate_limited",
    calls: 1,
    check: ({ record, elapsedMs }) => {
      expect(record.error?.message).toMatch(/\b60 seconds\b/);
      expect(record.error?.retryAfterSeconds).toBe(60);
      expect(elapsedMs).toBeLessThan(2000);
    },
  },
  {
    name: "429 with Retry-After 1: waited for, retried once, succeeds",
    faults: [{ kind: "rate_limit", retryAfterSeconds: 1 }],
    status: "succeeded",
    code: null,
    calls: 2,
    check: ({ record, elapsedMs }) => {
      expect(elapsedMs).toBeGreaterThanOrEqual(950);
      expect(record.images).toHaveLength(1);
      expect(record.images[0]).toMatchObject({ width: 512, height: 512 });
    },
  },
  {
    name: "a proxy's 502 page: not repeated, in words, and counted as perhaps billed",
    faults: [{ kind: "bad_gateway" }],
    status: "failed",
    code: "upstream_error",
    calls: 1,
    check: ({ record }) => {
      expect(record.error?.message).toBe("The image service failed on its side; try again.");
      expect(record.billedImages).toBeNull();
    },
  },
  {
    name: "a proxy's 504 page: a timeout, not repeated (the gateway may still be at work)",
    faults: [{ kind: "gateway_timeout" }],
    status: "failed",
    code: "timeout",
    calls: 1,
    check: ({ record }) => {
      expect(record.error?.message).toContain("took too long");
      expect(record.billedImages).toBeNull();
    },
  },
  {
    name: "500: a paid POST is not repeated",
    faults: [{ kind: "server_error" }],
    status: "failed",
    code: "upstream_error",
    calls: 1,
  },
  {
    name: "503 three times: two retries at most, then model_unavailable",
    faults: [{ kind: "unavailable", times: 3, retryAfterSeconds: 1 }],
    status: "failed",
    code: "model_unavailable",
    calls: 3,
    check: ({ record }) => {
      expect(record.error?.message).toContain("wan2.2-t2i-flash");
      expect(record.error?.retryAfterSeconds).toBe(1);
    },
  },
  {
    name: "hang: the whole-call timeout ends it",
    faults: [{ kind: "hang" }],
    status: "failed",
    code: "timeout",
    calls: 1,
    check: ({ record, elapsedMs }) => {
      expect(elapsedMs).toBeGreaterThanOrEqual(2900);
      expect(elapsedMs).toBeLessThan(6000);
      expect(record.error?.message).toMatch(/\b3 seconds\b/);
    },
  },
  { name: "truncated JSON", faults: [{ kind: "truncated" }], status: "failed", code: "bad_upstream_response", calls: 1 },
  { name: "wrong schema", faults: [{ kind: "wrong_schema" }], status: "failed", code: "bad_upstream_response", calls: 1 },
  { name: "a proxy's HTML page with 200", faults: [{ kind: "garbage" }], status: "failed", code: "bad_upstream_response", calls: 1 },
  {
    name: "redirect to a private address: not followed, not retried",
    faults: [{ kind: "redirect_private" }],
    status: "failed",
    code: "upstream_unreachable",
    calls: 1,
    check: ({ record }) => expect(failureLines(record.id)).toEqual([expect.stringContaining("redirect")]),
  },
  {
    // The POST may already be at work upstream (and billed) when a connection resets: never repeated.
    name: "connection reset: not retried, reported as unreachable",
    faults: [{ kind: "connection_reset" }],
    status: "failed",
    code: "upstream_unreachable",
    calls: 1,
    check: ({ record }) => {
      expect(record.images).toEqual([]);
      expect(failureLines(record.id)).toHaveLength(1);
    },
  },
];

describe("POST /api/generations against a failing gateway", () => {
  it.each(CASES)("$name", async ({ faults, status, code, calls, check }) => {
    const outcome = await generateThrough(faults);
    const { record } = outcome;
    expect(record.status, JSON.stringify(record.error)).toBe(status);
    expect(record.error?.code ?? null).toBe(code);
    if (code !== null) {
      expect(record.error?.message.trim()).not.toBe("");
      expect(record.images).toEqual([]);
    }
    expect(record.finishedAt).not.toBeNull();
    expect(record.seed).toBe(42);
    expect(outcome.calls).toBe(calls);
    check?.(outcome);
  });

  /** Every refusal the upstream reference lists, as DashScope sends it (the simulator's `dashscope` fault). */
  const REFERENCE_REFUSALS = [
    [400, "InvalidParameter"],
    [400, "DataInspectionFailed"],
    [400, "Arrearage"],
    [401, "InvalidApiKey"],
    [403, "AccessDenied"],
    [403, "Model.AccessDenied"],
    [404, "ModelNotFound"],
    [408, "RequestTimeOut"],
    [429, "Throttling"],
    [429, "Throttling.RateQuota"],
    [429, "Throttling.AllocationQuota"],
    [500, "InternalError"],
    [500, "InternalError.Algo"],
    [500, "InternalError.Timeout"],
    [503, "ModelUnavailable"],
  ] as const;

  it.each(REFERENCE_REFUSALS)("HTTP %i %s reaches the user in the mapping's words, never the upstream's; only a 503 is asked again", async (status, code) => {
    const upstreamWords = `upstream detail for ${code}`;
    const { record, calls } = await generateThrough([{ kind: "dashscope", times: 3, upstream: { status, code, message: upstreamWords } }]);
    const mapped = mapUpstreamError({ status, body: JSON.stringify({ code, message: upstreamWords }), retryAfter: null, model: REQUEST.model, task: "generation" });
    expect(record.status).toBe("failed");
    expect(record.error).toMatchObject({ code: mapped.code, message: mapped.message });
    expect(record.error?.message).not.toContain(upstreamWords);
    expect(record.images).toEqual([]);
    expect(calls).toBe(status === 503 ? 3 : 1);
  });

  it("oversized: an endless body is cut at the cap, memory stays flat", async () => {
    // Let earlier garbage go first, so the measurement is about this answer only.
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const outcome = await generateThrough([{ kind: "oversized" }]);
      expect(outcome.record.status).toBe("failed");
      expect(outcome.record.error?.code).toBe("bad_upstream_response");
      expect(outcome.record.error?.message).toMatch(/too large/);
      expect(outcome.calls).toBe(1);
      // The endless stream stops producing once the app hangs up.
      await waitFor(() => sim().stats().aborted === 1, "the simulator to see the oversized answer abandoned");
      // The cap for one 512*512 image is about 2.5 MB; reading 100 MB of it would show here.
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(peak - before).toBeLessThan(64 * 1024 * 1024);
    } finally {
      clearInterval(sampler);
    }
  });

  // The gateway billed the images when it answered 200: a body still arriving at the deadline is read to its end.
  it("slow drip: a success answer still arriving at the call's deadline is read to its end and kept, even when a GC runs meanwhile", async () => {
    const pressure = setInterval(exposeGc(), 20);
    try {
      const { record, calls, elapsedMs } = await generateThrough([{ kind: "slow_drip" }]);
      expect(record.status).toBe("succeeded");
      expect(record.images).toHaveLength(1);
      expect(calls).toBe(1);
      // ONETOKEN_TIMEOUT_MS is 3 s here: the answer took longer.
      expect(elapsedMs).toBeGreaterThan(3_000);
    } finally {
      clearInterval(pressure);
    }
  });

  it("logs what happened, with the key never in any log line", () => {
    // The retries and refusals above each left a line for whoever runs the server.
    const text = logs.map((entry) => entry.line);
    expect(text.some((line) => line.includes("gateway answered 429 (rate_limited)"))).toBe(true);
    expect(text.some((line) => line.includes("gateway answered 503 (model_unavailable)"))).toBe(true);
    expect(text.some((line) => /gateway attempt 1 .* retrying in \d+ ms/.test(line))).toBe(true);
    expect(logs.some((entry) => entry.level === "error" && /^gateway call for \S+ \(generation [\w-]+\) failed: /.test(entry.line))).toBe(true);
  });

  it("leaks the key nowhere: no log line, no response body, no response header", async () => {
    expect(logs.length).toBeGreaterThan(0);
    for (const { line } of logs) {
      expect(line).not.toContain(CANARY_KEY);
      expect(line).not.toContain("canary-route");
      if (/bearer/i.test(line)) expect(line).toMatch(/Bearer \[redacted\]/);
      expect(line).not.toMatch(/Bearer (?!\[redacted\])\S/i);
    }
    expect(harness.responses.length).toBeGreaterThan(CASES.length * 2);
    for (const response of harness.responses) {
      const body = await response.text();
      expect(body).not.toContain(CANARY_KEY);
      expect(body).not.toContain("canary-route");
      response.headers.forEach((value, name) => {
        expect(`${name}: ${value}`).not.toContain(CANARY_KEY);
        expect(`${name}: ${value}`).not.toContain("canary-route");
      });
    }
  });
});
