import { describe, expect, it } from "vitest";
import { describeAccessConfig, parseAccessConfig } from "./config";

describe("access configuration", () => {
  it("is open with sensible limits by default, and says so at start-up", () => {
    const config = parseAccessConfig({});
    expect(config).toEqual({ password: null, sessionSecret: null, ratePerMinute: 10, maxConcurrent: 8, dailyImageLimit: null });
    expect(describeAccessConfig(config)).toContain("Access gate: OFF");
  });

  it("takes blank values as unset", () => {
    expect(parseAccessConfig({ PLAYGROUND_PASSWORD: "", RATE_LIMIT_PER_MINUTE: "", MAX_CONCURRENT_GENERATIONS: " ", DAILY_IMAGE_LIMIT: "" })).toEqual(
      parseAccessConfig({}),
    );
  });

  it("reads the gate and the limits", () => {
    const config = parseAccessConfig({ PLAYGROUND_PASSWORD: "correct-horse", RATE_LIMIT_PER_MINUTE: "3", MAX_CONCURRENT_GENERATIONS: "2", DAILY_IMAGE_LIMIT: "50" });
    expect(config).toMatchObject({ password: "correct-horse", ratePerMinute: 3, maxConcurrent: 2, dailyImageLimit: 50 });
    expect(describeAccessConfig(config)).toContain("Access gate: on");
    expect(describeAccessConfig(config)).toContain("50 images a day");
  });

  it("refuses bad values by name, without printing secrets", () => {
    expect(() => parseAccessConfig({ PLAYGROUND_PASSWORD: "short", RATE_LIMIT_PER_MINUTE: "many" })).toThrow(
      /PLAYGROUND_PASSWORD must be at least 8 characters long\n {2}- RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 10000 \(got "many"\)/,
    );
    expect(() => parseAccessConfig({ PLAYGROUND_PASSWORD: "short" })).not.toThrow(/"short"/);
  });
});
