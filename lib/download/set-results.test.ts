import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generationView } from "@/test/generation-view";
import { zipImageName } from "./set-results";

describe("the names of a zip's images", () => {
  it("sort in the set's order however many generations it has, past 999 too", () => {
    const generation = generationView({ seed: 7, images: [{ id: "i", width: 8, height: 8, revisedPrompt: "", src: "", thumbSrc: "", downloadSrc: "" }] });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70_000 }), fc.integer({ min: 0, max: 69_999 }), (count, at) => {
        const position = at % count;
        const names = [0, position, count - 1].map((place) => zipImageName(place, count, generation, 0));
        expect([...names].sort()).toEqual(names);
        expect(new Set(names.map((name) => /^images\/(\d+)_/.exec(name)?.[1]?.length)).size).toBe(1);
      }),
    );
    // As they always were for a set of fewer than a thousand.
    expect(zipImageName(4, 12, generation, 0)).toMatch(/^images\/005_/);
    expect(zipImageName(999, 1000, generation, 0)).toMatch(/^images\/1000_/);
    expect(zipImageName(8, 1000, generation, 0)).toMatch(/^images\/0009_/);
  });
});
