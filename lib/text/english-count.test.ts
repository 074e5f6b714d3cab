import { describe, expect, it } from "vitest";
import { englishCount } from "./english-count";

describe("englishCount", () => {
  it("names one in the singular and any other count in the plural", () => {
    expect(englishCount(1, "hour")).toBe("1 hour");
    expect(englishCount(0, "hour")).toBe("0 hours");
    expect(englishCount(5, "hour")).toBe("5 hours");
    expect(englishCount(2, "entry", "entries")).toBe("2 entries");
  });
});
