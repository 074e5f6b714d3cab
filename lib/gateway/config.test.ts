import { describe, expect, it } from "vitest";
import { ConfigError, describeGatewayConfig, parseGatewayConfig } from "./config";

describe("gateway configuration", () => {
  it("runs the offline demo without a key, with documented defaults", () => {
    expect(parseGatewayConfig({})).toEqual({
      mode: "offline",
      requestStyle: "native",
      timeoutMs: 180_000,
      connectTimeoutMs: 10_000,
      maxRetries: 2,
      taskPath: "/v1/tasks/{task_id}",
      simulatorLatencyMs: 1_500,
      simulatorAnswerShape: "openai",
      ignoredBaseUrl: null,
    });
    expect(parseGatewayConfig({ SIMULATOR_ANSWER_SHAPE: "task" })).toMatchObject({ simulatorAnswerShape: "task" });
    expect(parseGatewayConfig({ ONETOKEN_API_KEY: "  " }).mode).toBe("offline");
  });

  it("goes live with a key, accepting the base URL with or without /v1", () => {
    const config = parseGatewayConfig({
      ONETOKEN_API_KEY: "sk-test-12345678",
      ONETOKEN_BASE_URL: "https://onetoken.one/v1/",
      ONETOKEN_REQUEST_STYLE: "flat",
      ONETOKEN_TIMEOUT_MS: "5000",
      ONETOKEN_CONNECT_TIMEOUT_MS: "3000",
      ONETOKEN_MAX_RETRIES: "0",
      ONETOKEN_TASK_PATH: "/api/v1/tasks/{task_id}",
    });
    expect(config).toEqual({
      mode: "live",
      apiKey: "sk-test-12345678",
      baseUrl: "https://onetoken.one",
      requestStyle: "flat",
      timeoutMs: 5000,
      connectTimeoutMs: 3000,
      maxRetries: 0,
      taskPath: "/api/v1/tasks/{task_id}",
    });
    expect(parseGatewayConfig({ ONETOKEN_API_KEY: "sk-test-12345678" })).toMatchObject({ baseUrl: "https://api.onetoken.one" });
  });

  it("refuses bad values with a readable message that never shows the key", () => {
    const attempt = () =>
      parseGatewayConfig({
        ONETOKEN_API_KEY: "short",
        ONETOKEN_BASE_URL: "ftp://x",
        ONETOKEN_REQUEST_STYLE: "xml",
        ONETOKEN_TIMEOUT_MS: "soon",
        ONETOKEN_CONNECT_TIMEOUT_MS: "500",
        ONETOKEN_MAX_RETRIES: "5",
        ONETOKEN_TASK_PATH: "/v1/tasks",
        SIMULATOR_ANSWER_SHAPE: "xml",
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("The playground's configuration is invalid:");
      expect(message).toContain('ONETOKEN_BASE_URL must be an http(s) URL such as https://api.onetoken.one (got "ftp://x")');
      expect(message).toContain('ONETOKEN_REQUEST_STYLE must be one of: native, flat (got "xml")');
      expect(message).toContain('ONETOKEN_TIMEOUT_MS must be a whole number of milliseconds between 1000 and 900000 (got "soon")');
      expect(message).toContain('ONETOKEN_CONNECT_TIMEOUT_MS must be at least 1000 ms (got "500")');
      expect(message).toContain('ONETOKEN_MAX_RETRIES must be at most 2 (got "5")');
      expect(message).toContain('ONETOKEN_TASK_PATH must be a path starting with / that holds {task_id}, such as /v1/tasks/{task_id} (got "/v1/tasks")');
      expect(message).toContain('SIMULATOR_ANSWER_SHAPE must be one of: openai, multimodal, text2image, task (got "xml")');
      expect(message).toContain("ONETOKEN_API_KEY looks too short to be an API key");
      expect(message).not.toContain('"short"');
    }
  });

  it("refuses an address it would fail to call, or call at the wrong path, and a key a header cannot carry, printing no password", () => {
    const message = (env: Record<string, string>) => {
      try {
        parseGatewayConfig({ ONETOKEN_API_KEY: "sk-0123456789abcdef", ...env });
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    };
    const withPassword = message({ ONETOKEN_BASE_URL: "https://user:hunter2secret@api.onetoken.one" });
    expect(withPassword).toContain("ONETOKEN_BASE_URL must be the gateway's address alone, without a user name or password, ?query or #fragment");
    expect(withPassword).toContain('(got "https://user:***@api.onetoken.one")');
    expect(withPassword).not.toContain("hunter2secret");
    const atSigns = message({ ONETOKEN_BASE_URL: "https://user:p@ss@word@api.onetoken.one" });
    expect(atSigns).toContain('(got "https://user:***@api.onetoken.one")');
    expect(atSigns).not.toContain("ss@word");
    for (const url of ["https://api.onetoken.one/?", "https://api.onetoken.one/#"]) expect(message({ ONETOKEN_BASE_URL: url })).toContain("?query or #fragment");
    for (const url of ["https://api.onetoken.one?x=1", "https://api.onetoken.one/#top"]) expect(message({ ONETOKEN_BASE_URL: url })).toContain("without a user name or password, ?query or #fragment");
    for (const key of ["sk-“0123456789”", "sk-0123\n456789", "sk-0123 456789"]) {
      const said = message({ ONETOKEN_API_KEY: key });
      expect(said).toContain("ONETOKEN_API_KEY holds a character an API key cannot have");
      expect(said).not.toContain("0123");
    }
    expect(message({ ONETOKEN_BASE_URL: "https://api.onetoken.one/v1" })).toBe("");
  });

  it("describes the mode for the start-up log without the key", () => {
    const live = describeGatewayConfig(parseGatewayConfig({ ONETOKEN_API_KEY: "sk-canary-abcdefgh" }));
    expect(live).toContain("live mode, calling https://api.onetoken.one");
    expect(live).toContain("connect timeout 10000 ms, up to 2 retries");
    expect(live).not.toContain("sk-canary");
    expect(describeGatewayConfig(parseGatewayConfig({ ONETOKEN_BASE_URL: "http://127.0.0.1:4010" }))).toContain(
      "ONETOKEN_BASE_URL (http://127.0.0.1:4010) is ignored without ONETOKEN_API_KEY",
    );
  });
});
