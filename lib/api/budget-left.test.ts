import { describe, expect, it } from "vitest";
import { budgetLeft } from "./budget-left";

describe("budgetLeft", () => {
  it("is null without a budget", () => expect(budgetLeft({ dailyImageLimit: null, imagesToday: 7 })).toBeNull());
  it("counts what is left, never below 0", () => {
    expect(budgetLeft({ dailyImageLimit: 5, imagesToday: 2 })).toBe(3);
    expect(budgetLeft({ dailyImageLimit: 5, imagesToday: 9 })).toBe(0);
  });
  it("says a budget of 0 is spending switched off, not a day used up", () => {
    expect(budgetLeft({ dailyImageLimit: 0, imagesToday: 0 })).toBe("off");
    expect(budgetLeft({ dailyImageLimit: 0, imagesToday: 3 })).toBe("off");
  });
});
