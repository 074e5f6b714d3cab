import { describe, expect, it } from "vitest";
import { timeZoneOf } from "./time-zone";

describe("the browser's time zone", () => {
  it("is taken when the runtime knows it, and left out otherwise", () => {
    expect(timeZoneOf("Asia/Shanghai")).toBe("Asia/Shanghai");
    expect(timeZoneOf(" Europe/London ")).toBe("Europe/London");
    expect(timeZoneOf("Mars/Olympus")).toBeUndefined();
    expect(timeZoneOf("")).toBeUndefined();
    expect(timeZoneOf(null)).toBeUndefined();
    expect(timeZoneOf("A".repeat(65))).toBeUndefined();
  });
});
