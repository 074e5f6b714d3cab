import { describe, expect, it } from "vitest";
import { EDIT_MODELS } from "../models/edit-models";
import { MODELS } from "../models/registry";
import { useSimulatorServer } from "../simulator/test-support";
import { checkGateway, classifyProbe, keyVerdict, type CheckOptions, type ModelProbe } from "./check";
import { checkExitCode, describeCheck } from "./check-report";
import { closedPort } from "@/test/call-support";

/** "Check connection" against the simulator on a real socket: what it finds, and that it never spends. */

const KEY = "sk-check-test-0123456789";
const current = useSimulatorServer({ apiKey: KEY });
const options: CheckOptions = { mode: "live", requestStyle: "native", connectTimeoutMs: 2_000 };
const target = (apiKey = KEY) => ({ baseUrl: current().url, apiKey });

describe("checking the connection", () => {
  it.each(["native", "flat"] as const)("%s: every model answers, the key is accepted, and nothing is made", async (requestStyle) => {
    const report = await checkGateway(target(), { ...options, requestStyle });
    expect(report.reachable).toEqual({ ok: true, status: 401 });
    expect(report.key).toBe("accepted");
    expect(report.models).toHaveLength(MODELS.length + EDIT_MODELS.length);
    for (const probe of report.models) expect(probe).toMatchObject({ outcome: "answers", status: 400, code: "InvalidParameter", requestId: expect.any(String) });
    const stats = current().simulator.stats();
    expect(stats.succeeded).toBe(0);
    expect(stats.calls).toBe(MODELS.length + EDIT_MODELS.length + 1);
    expect(checkExitCode(report)).toBe(0);
  });

  it("a wrong key is named as such", async () => {
    const report = await checkGateway(target("sk-wrong-000000000000"), options);
    expect(report.key).toBe("refused");
    expect(new Set(report.models.map((probe) => probe.outcome))).toEqual(new Set(["key_refused"]));
    expect(describeCheck(report).join("\n")).toContain("The gateway refuses the API key");
    expect(describeCheck(report).join("\n")).not.toContain("sk-wrong");
    expect(checkExitCode(report)).toBe(1);
  });

  it("names each model's own trouble", async () => {
    current().simulator.injectFault({ kind: "access_denied", model: "qwen-image-max" });
    current().simulator.injectFault({ kind: "unavailable", model: "wan2.6-t2i" });
    const report = await checkGateway(target(), options);
    const outcome = (model: string) => report.models.find((probe) => probe.model === model && probe.endpoint === "generations")?.outcome;
    expect(outcome("qwen-image-max")).toBe("model_denied");
    expect(outcome("wan2.6-t2i")).toBe("unavailable");
    expect(outcome("qwen-image")).toBe("answers");
    expect(report.key).toBe("accepted");
  });

  it("says when nothing answers at the address, and checks nothing else", async () => {
    const report = await checkGateway({ baseUrl: `http://127.0.0.1:${await closedPort()}`, apiKey: KEY }, options);
    expect(report).toMatchObject({ reachable: { ok: false, status: null }, key: "unknown", models: [] });
    expect(describeCheck(report).at(-1)).toContain("Nothing answers at");
  });
});

describe("what each answer means", () => {
  it.each([
    [200, "{}", "generated"],
    // An error envelope under a 200 (a proxy's way) is a refusal, as a real call reads it.
    [200, JSON.stringify({ code: "InvalidParameter", message: "n out of range" }), "answers"],
    [200, JSON.stringify({ error: { code: "invalid_api_key", type: "invalid_request_error" } }), "key_refused"],
    [400, JSON.stringify({ code: "InvalidParameter" }), "answers"],
    [401, JSON.stringify({ code: "InvalidApiKey" }), "key_refused"],
    [404, JSON.stringify({ code: "ModelNotFound" }), "model_unknown"],
    [403, JSON.stringify({ error: { code: "model_access_denied" } }), "model_denied"],
    [400, JSON.stringify({ code: "Arrearage" }), "out_of_credit"],
    [429, JSON.stringify({ code: "Throttling" }), "rate_limited"],
    [503, "", "unavailable"],
    [502, "<html>Bad Gateway</html>", "gateway_error"],
  ] as const)("HTTP %i %s -> %s", (status, body, outcome) => {
    expect(classifyProbe(status, body, "qwen-image", "generations").outcome).toBe(outcome);
  });

  it("takes the key as accepted from any answer only an authenticated request gets", () => {
    const probe = (outcome: ModelProbe["outcome"]): ModelProbe => ({ model: "m", endpoint: "generations", outcome, status: 400, code: "", requestId: null });
    expect(keyVerdict([probe("key_refused"), probe("model_denied")])).toBe("accepted");
    expect(keyVerdict([probe("key_refused"), probe("unreachable")])).toBe("refused");
    expect(keyVerdict([probe("rate_limited"), probe("gateway_error")])).toBe("unknown");
  });
});
