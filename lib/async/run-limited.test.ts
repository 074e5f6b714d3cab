import { describe, expect, it } from "vitest";
import { runLimited } from "./run-limited";

describe("work run a few at a time", () => {
  it("never runs more than its limit at once, and answers in the items' order", async () => {
    let running = 0;
    let most = 0;
    const results = await runLimited([30, 5, 20, 1, 10, 2, 8], 3, async (delay) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, delay));
      running -= 1;
      return delay * 2;
    });
    expect(most).toBe(3);
    expect(results).toEqual([60, 10, 40, 2, 20, 4, 16]);
    expect(await runLimited([], 3, async () => 1)).toEqual([]);
  });
});
