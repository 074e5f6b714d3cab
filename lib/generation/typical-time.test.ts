import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { typicalTime } from "./typical-time";

describe("a model's typical time", () => {
  const run = (width: number, ms: number) => ({ width, height: width, ms });

  it("is the median of the same size when there are three or more, else of every size, else unknown", () => {
    const runs = [run(1024, 9000), run(1024, 8000), run(1024, 20000), run(512, 3000)];
    expect(typicalTime(runs, { width: 1024, height: 1024 })).toBe(9000);
    expect(typicalTime(runs, { width: 512, height: 512 })).toBe(8500);
    expect(typicalTime(runs.slice(2), { width: 512, height: 512 })).toBeNull();
  });

  it("always lies between the fastest and the slowest run it went by", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ width: fc.constantFrom(512, 1024), height: fc.constant(512), ms: fc.integer({ min: 1, max: 600_000 }) }), { minLength: 3 }), (runs) => {
        const typical = typicalTime(runs, { width: 512, height: 512 });
        const times = runs.map((r) => r.ms);
        expect(typical).not.toBeNull();
        expect(typical).toBeGreaterThanOrEqual(Math.min(...times));
        expect(typical).toBeLessThanOrEqual(Math.max(...times));
      }),
    );
  });
});
