import { describe, expect, it } from "vitest";
import { notSeeds, seedsFrom } from "./seed-text";

describe("a grid's seeds as typed", () => {
  it("are whole numbers written in digits, by commas of either width or spaces", () => {
    expect(seedsFrom("1, 2，3 4\n5")).toEqual([1, 2, 3, 4, 5]);
    expect(notSeeds("1, 2，3 4")).toEqual([]);
  });

  it("says what is not one, hexadecimal and exponents included, rather than read it as another number", () => {
    expect(seedsFrom("0x10, 1e3, 7, 2.5, soon")).toEqual([7]);
    expect(notSeeds("0x10, 1e3, 7, 2.5, soon")).toEqual(["0x10", "1e3", "2.5", "soon"]);
  });

  it("keeps a negative seed, for the rules to say its range", () => {
    expect(seedsFrom("-1")).toEqual([-1]);
  });
});
