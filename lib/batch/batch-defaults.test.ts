import { describe, expect, it } from "vitest";
import { defaultsProblems } from "./batch-defaults";

describe("a batch's own count and seed", () => {
  it("says what is wrong in the request's own words, and nothing when all is well", () => {
    expect(defaultsProblems({ model: "wan2.6-t2i", n: 4, seed: 7 })).toEqual({});
    expect(defaultsProblems({ model: "wan2.6-t2i", n: 0, seed: null }).n).toBe("wan2.6-t2i makes 1 to 4 images per request.");
    expect(defaultsProblems({ model: "wan2.6-t2i", n: 1.5, seed: null }).n).toBe("Number of images must be a whole number.");
    expect(defaultsProblems({ model: "wan2.6-t2i", n: Number.NaN, seed: null }).n).toBe("Number of images must be a number.");
    expect(defaultsProblems({ model: "qwen-image", n: 4, seed: null }).n).toBe("qwen-image makes exactly 1 image per request.");
    expect(defaultsProblems({ model: "wan2.6-t2i", n: 1, seed: -5 }).seed).toBe("Seed must be between 0 and 2147483647.");
  });
});
