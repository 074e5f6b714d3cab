import { describe, expect, it } from "vitest";
import { parseStandaloneEnv } from "./standalone-config";

describe("parseStandaloneEnv", () => {
  it("fills the documented defaults", () => {
    expect(parseStandaloneEnv({})).toEqual({
      ok: true,
      options: { port: 4010, host: "127.0.0.1", latencyMs: 800, responseFormat: "url", answerShape: "openai", linkLifetimeSeconds: 86_400 },
    });
  });

  it("reads every variable", () => {
    const config = parseStandaloneEnv({
      SIMULATOR_PORT: "0",
      SIMULATOR_HOST: "::1",
      SIMULATOR_API_KEY: "sk-local",
      SIMULATOR_LATENCY_MS: "0",
      SIMULATOR_RESPONSE_FORMAT: "b64_json",
      SIMULATOR_ANSWER_SHAPE: "multimodal",
      SIMULATOR_LINK_LIFETIME_SECONDS: "60",
    });
    expect(config).toEqual({
      ok: true,
      options: { port: 0, host: "::1", apiKey: "sk-local", latencyMs: 0, responseFormat: "b64_json", answerShape: "multimodal", linkLifetimeSeconds: 60 },
    });
  });

  it("reads an empty key as no key", () => {
    const config = parseStandaloneEnv({ SIMULATOR_API_KEY: "" });
    expect(config.ok && "apiKey" in config.options).toBe(false);
  });

  it("names each bad variable in one readable message", () => {
    const config = parseStandaloneEnv({
      SIMULATOR_PORT: "70000",
      SIMULATOR_LATENCY_MS: "fast",
      SIMULATOR_RESPONSE_FORMAT: "png",
      SIMULATOR_ANSWER_SHAPE: "soap",
    });
    expect(config.ok).toBe(false);
    const message = config.ok ? "" : config.message;
    expect(message).toContain("SIMULATOR_PORT must be at most 65535");
    expect(message).toContain("SIMULATOR_LATENCY_MS must be a whole number");
    expect(message).toContain('SIMULATOR_RESPONSE_FORMAT must be "url" or "b64_json"');
    expect(message).toContain("SIMULATOR_ANSWER_SHAPE must be one of: openai, multimodal, text2image, task");
  });
});
