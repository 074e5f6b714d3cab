import { describe, expect, it } from "vitest";
import { describeAccessConfig, LARGEST_INPUT_MB, parseAccessConfig } from "./config";

describe("access configuration", () => {
  it("is open with sensible limits by default, and says so at start-up", () => {
    const config = parseAccessConfig({});
    expect(config).toEqual({
      password: null,
      sessionSecret: null,
      ratePerMinute: 10,
      ratePerAddressPerMinute: 40,
      maxConcurrent: 8,
      dailyImageLimit: null,
      trustedProxyHops: 0,
      maxInputBytes: 2048 * 1024 * 1024,
      maxClientInputBytes: 512 * 1024 * 1024,
      origins: [],
      newVotersPerAddressPerHour: 20,
    });
    expect(describeAccessConfig(config)).toContain("Access gate: OFF");
    expect(describeAccessConfig(config)).toContain("spend the key's credit");
    // The offline demo has no key and spends nothing.
    expect(describeAccessConfig(config, false)).toContain("anyone who can reach this server can use it.");
    expect(describeAccessConfig(config, false)).not.toContain("credit");
    expect(describeAccessConfig(config)).toContain("Reachable at localhost only");
    expect(describeAccessConfig(config)).toContain("TRUSTED_PROXY_HOPS=0");
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
    // None: spending stopped for the day, as an operator pauses it.
    expect(parseAccessConfig({ DAILY_IMAGE_LIMIT: "0" }).dailyImageLimit).toBe(0);
  });

  it("sizes an address's own count at 4 clients' worth unless told, never below one client's, and says so behind the gate", () => {
    expect(parseAccessConfig({ RATE_LIMIT_PER_MINUTE: "3" }).ratePerAddressPerMinute).toBe(12);
    expect(parseAccessConfig({ RATE_LIMIT_PER_MINUTE: "3000" }).ratePerAddressPerMinute).toBe(10_000);
    expect(parseAccessConfig({ RATE_LIMIT_PER_MINUTE: "3", RATE_LIMIT_PER_ADDRESS_PER_MINUTE: " " }).ratePerAddressPerMinute).toBe(12);
    const config = parseAccessConfig({ PLAYGROUND_PASSWORD: "correct-horse", RATE_LIMIT_PER_MINUTE: "3", RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "3" });
    expect(config.ratePerAddressPerMinute).toBe(3);
    expect(describeAccessConfig(config)).toContain("3 generations per client per minute (3 from one address)");
    expect(describeAccessConfig(parseAccessConfig({}))).toContain("10 generations per client per minute, ");
    expect(() => parseAccessConfig({ RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "lots" })).toThrow(/RATE_LIMIT_PER_ADDRESS_PER_MINUTE must be a whole number from 1 to 10000 \(got "lots"\)/);
    expect(() => parseAccessConfig({ RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "10001" })).toThrow(/RATE_LIMIT_PER_ADDRESS_PER_MINUTE must be at most 10000/);
    expect(() => parseAccessConfig({ RATE_LIMIT_PER_MINUTE: "20", RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "19" })).toThrow(/RATE_LIMIT_PER_ADDRESS_PER_MINUTE must be at least RATE_LIMIT_PER_MINUTE, which is 20 \(got "19"\)/);
  });

  it("reads how many new voters one address may bring a poll in an hour, a room of colleagues' worth by default", () => {
    expect(parseAccessConfig({ NEW_VOTERS_PER_ADDRESS_PER_HOUR: "5" }).newVotersPerAddressPerHour).toBe(5);
    expect(parseAccessConfig({ NEW_VOTERS_PER_ADDRESS_PER_HOUR: " " }).newVotersPerAddressPerHour).toBe(20);
    expect(describeAccessConfig(parseAccessConfig({}))).toContain("20 new voters an hour per poll from one address");
    expect(() => parseAccessConfig({ NEW_VOTERS_PER_ADDRESS_PER_HOUR: "0" })).toThrow(/NEW_VOTERS_PER_ADDRESS_PER_HOUR must be at least 1/);
    expect(() => parseAccessConfig({ NEW_VOTERS_PER_ADDRESS_PER_HOUR: "a few" })).toThrow(/NEW_VOTERS_PER_ADDRESS_PER_HOUR must be a whole number from 1 to 10000 \(got "a few"\)/);
  });

  it("gives each client a quarter of the input storage unless told, in whole megabytes, never more than the whole, and says so", () => {
    expect(parseAccessConfig({ INPUT_STORAGE_MB: "100" }).maxClientInputBytes).toBe(25 * 1024 * 1024);
    expect(parseAccessConfig({ INPUT_STORAGE_MB: "1" }).maxClientInputBytes).toBe(1024 * 1024);
    expect(parseAccessConfig({ INPUT_STORAGE_MB: "100", INPUT_STORAGE_PER_CLIENT_MB: "100" }).maxClientInputBytes).toBe(100 * 1024 * 1024);
    expect(parseAccessConfig({ INPUT_STORAGE_PER_CLIENT_MB: " " }).maxClientInputBytes).toBe(512 * 1024 * 1024);
    expect(describeAccessConfig(parseAccessConfig({}))).toContain("2048 MB of edit inputs (512 MB per client)");
    expect(() => parseAccessConfig({ INPUT_STORAGE_MB: "100", INPUT_STORAGE_PER_CLIENT_MB: "101" })).toThrow(/INPUT_STORAGE_PER_CLIENT_MB must be at most INPUT_STORAGE_MB, which is 100 \(got "101"\)/);
    expect(() => parseAccessConfig({ INPUT_STORAGE_PER_CLIENT_MB: "0" })).toThrow(/INPUT_STORAGE_PER_CLIENT_MB must be at least 1/);
  });

  it("gives each client at least the room of one largest input by default, and warns of a share or a whole set below it", () => {
    expect(LARGEST_INPUT_MB).toBe(12);
    // A quarter of 32 MB would refuse a fresh client's 9 MB upload every time.
    const small = parseAccessConfig({ INPUT_STORAGE_MB: "32" });
    expect(small.maxClientInputBytes).toBe(12 * 1024 * 1024);
    expect(describeAccessConfig(small)).toContain("32 MB of edit inputs (12 MB per client)");
    expect(describeAccessConfig(small)).not.toContain("Warning");
    expect(parseAccessConfig({ INPUT_STORAGE_MB: "10" }).maxClientInputBytes).toBe(10 * 1024 * 1024);
    expect(describeAccessConfig(parseAccessConfig({ INPUT_STORAGE_MB: "10" }))).toContain(
      "\nWarning: INPUT_STORAGE_MB is 10, less than the 12 MB the largest edit input takes with its thumbnail: an upload larger than 10 MB is refused however little is kept.\n",
    );
    const set = parseAccessConfig({ INPUT_STORAGE_MB: "32", INPUT_STORAGE_PER_CLIENT_MB: "8" });
    expect(set.maxClientInputBytes).toBe(8 * 1024 * 1024);
    expect(describeAccessConfig(set)).toContain("\nWarning: INPUT_STORAGE_PER_CLIENT_MB is 8, less than the 12 MB");
    expect(describeAccessConfig(parseAccessConfig({}))).not.toContain("Warning");
  });

  it("reads the proxies, the input storage and the origins", () => {
    const config = parseAccessConfig({ TRUSTED_PROXY_HOPS: "1", INPUT_STORAGE_MB: "10", PLAYGROUND_ORIGINS: "https://play.example.com/, http://192.168.1.5:3000" });
    expect(config).toMatchObject({ trustedProxyHops: 1, maxInputBytes: 10 * 1024 * 1024, origins: ["https://play.example.com", "http://192.168.1.5:3000"] });
    expect(describeAccessConfig(config)).toContain("https://play.example.com, http://192.168.1.5:3000 (PLAYGROUND_ORIGINS)");
    expect(() => parseAccessConfig({ PLAYGROUND_ORIGINS: "play.example.com" })).toThrow(/PLAYGROUND_ORIGINS must list origins \(a scheme, a host and perhaps a port, nothing after them\) such as/);
    for (const notAnOrigin of ["https://play.example.com/app", "https://play.example.com?x=1", "https://me@play.example.com", "ftp://play.example.com"]) {
      expect(() => parseAccessConfig({ PLAYGROUND_ORIGINS: notAnOrigin })).toThrow(/PLAYGROUND_ORIGINS must list origins/);
    }
    // The same origin however it is written: a default port, capitals, a name in its own letters.
    expect(parseAccessConfig({ PLAYGROUND_ORIGINS: "https://play.example.com:443, https://Play.Example.COM, https://bücher.example" }).origins).toEqual([
      "https://play.example.com",
      "https://play.example.com",
      "https://xn--bcher-kva.example",
    ]);
    expect(() => parseAccessConfig({ TRUSTED_PROXY_HOPS: "11" })).toThrow(/TRUSTED_PROXY_HOPS must be at most 10/);
  });

  it("refuses bad values by name, without printing secrets", () => {
    expect(() => parseAccessConfig({ PLAYGROUND_PASSWORD: "short", RATE_LIMIT_PER_MINUTE: "many" })).toThrow(
      /PLAYGROUND_PASSWORD must be at least 8 characters long\n {2}- RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 10000 \(got "many"\)/,
    );
    expect(() => parseAccessConfig({ PLAYGROUND_PASSWORD: "short" })).not.toThrow(/"short"/);
  });
});
