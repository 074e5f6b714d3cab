import { describe, expect, it } from "vitest";
import { check } from "../i18n/messages/en/check";
import type { GatewayCheck } from "./check";
import { keyVerdict, reachableVerdict } from "./check-verdicts";

const report = (mode: GatewayCheck["mode"], key: GatewayCheck["key"]): GatewayCheck =>
  ({ mode, key, baseUrl: "http://127.0.0.1:1", reachable: { ok: true, status: 401 }, models: [], durationMs: 1 }) as unknown as GatewayCheck;

describe("the check's verdicts", () => {
  it("say of the offline demo that the simulator answered and no real key was checked", () => {
    expect(reachableVerdict(report("offline", "accepted"), check)).toBe("The built-in simulator answers (HTTP 401 to a request without a key).");
    expect(keyVerdict(report("offline", "accepted"), check)).toBe("No API key is set: the simulator took its own stand-in key, so no real key was checked.");
  });

  it("say of a live gateway what it answered of the key", () => {
    expect(reachableVerdict(report("live", "accepted"), check)).toBe("The gateway answers at this address (HTTP 401 to a request without a key).");
    expect(keyVerdict(report("live", "accepted"), check)).toBe("The API key is accepted.");
    expect(keyVerdict(report("live", "refused"), check)).toBe(check.key.refused);
  });
});
