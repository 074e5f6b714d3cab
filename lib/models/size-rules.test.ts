import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aspectLabel, checkSize, describeSizeRule, parseSize, type SizeRule } from "./size-rules";

const budget: SizeRule = { kind: "pixel-budget", minPixels: 1280 * 1280, maxPixels: 1440 * 1440, minAspect: 1 / 4, maxAspect: 4 };
const sides: SizeRule = { kind: "side-range", min: 512, max: 1440 };
const presets = [
  { width: 1664, height: 928 },
  { width: 1328, height: 1328 },
];

const ok = (rule: SizeRule, width: number, height: number) => checkSize("m", rule, presets, { width, height }).ok;
const reason = (rule: SizeRule, width: number, height: number) => {
  const check = checkSize("m", rule, presets, { width, height });
  return check.ok ? "" : check.reason;
};

describe("pixel-budget rule", () => {
  it("accepts both ends of the budget and refuses one pixel beyond", () => {
    expect(ok(budget, 1280, 1280)).toBe(true);
    expect(ok(budget, 1440, 1440)).toBe(true);
    expect(ok(budget, 1280, 1279)).toBe(false);
    expect(ok(budget, 1440, 1441)).toBe(false);
  });

  it("accepts the aspect bounds 1:4 and 4:1 exactly, refuses beyond", () => {
    expect(ok(budget, 720, 2880)).toBe(true);
    expect(ok(budget, 2880, 720)).toBe(true);
    expect(ok(budget, 719, 2884)).toBe(false);
    expect(ok(budget, 768, 2700)).toBe(true);
  });

  it("explains a refusal in megapixels", () => {
    expect(reason(budget, 1024, 1024)).toBe("m needs 1.64 to 2.07 megapixels (1280*1280 to 1440*1440); 1024*1024 is 1.05.");
    // A few pixels are not "0.00" megapixels.
    expect(reason(budget, 10, 10)).toBe("m needs 1.64 to 2.07 megapixels (1280*1280 to 1440*1440); 10*10 is 0.0001.");
    expect(reason(budget, 1, 1)).toBe("m needs 1.64 to 2.07 megapixels (1280*1280 to 1440*1440); 1*1 is 0.000001.");
  });

  it("shows enough decimals to tell a near miss from the bound", () => {
    expect(reason(budget, 1280, 1279)).toContain("1280*1279 is 1.637.");
  });

  it("explains an aspect refusal", () => {
    expect(reason(budget, 700, 2960)).toBe("m needs an aspect ratio between 1:4 and 4:1; 700*2960 is 1:4.23.");
  });
});

describe("side-range rule", () => {
  it("accepts 512 and 1440 on each side, refuses 511 and 1441", () => {
    expect(ok(sides, 512, 512)).toBe(true);
    expect(ok(sides, 1440, 1440)).toBe(true);
    expect(ok(sides, 511, 1024)).toBe(false);
    expect(ok(sides, 1024, 1441)).toBe(false);
  });

  it("names the side that is out of range, and both when both are", () => {
    expect(reason(sides, 1024, 1441)).toBe("m needs width and height each between 512 and 1440 px; 1024*1441 has height 1441.");
    expect(reason(sides, 5000, 1024)).toBe("m needs width and height each between 512 and 1440 px; 5000*1024 has width 5000.");
    expect(reason(sides, 5000, 100)).toBe("m needs width and height each between 512 and 1440 px; 5000*100 has width 5000 and height 100.");
  });
});

describe("presets rule", () => {
  it("accepts only the listed sizes", () => {
    expect(ok({ kind: "presets" }, 1664, 928)).toBe(true);
    expect(ok({ kind: "presets" }, 928, 1664)).toBe(false);
    expect(reason({ kind: "presets" }, 1024, 1024)).toContain("1024*1024 is not one of them");
  });
});

describe("every rule", () => {
  it("refuses fractions, zero, negatives and NaN with one plain reason", () => {
    for (const rule of [budget, sides, { kind: "presets" } as const]) {
      for (const [w, h] of [[1280.5, 1280], [0, 1280], [-1, 1280], [Number.NaN, 1280]] as const) {
        expect(reason(rule, w, h)).toBe("Width and height must be whole numbers of pixels, greater than 0.");
      }
    }
  });

  it("agrees with the arithmetic definition for any whole size (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6000 }), fc.integer({ min: 1, max: 6000 }), (w, h) => {
        const inBudget = w * h >= 1280 * 1280 && w * h <= 1440 * 1440 && w / h >= 0.25 && w / h <= 4;
        expect(ok(budget, w, h)).toBe(inBudget);
        expect(ok(sides, w, h)).toBe(w >= 512 && w <= 1440 && h >= 512 && h <= 1440);
      }),
    );
  });
});

describe("aspect labels", () => {
  it("names the marketed ratio of near sizes and reduces exact ones", () => {
    expect(aspectLabel({ width: 1664, height: 928 })).toBe("16:9");
    expect(aspectLabel({ width: 1104, height: 1472 })).toBe("3:4");
    expect(aspectLabel({ width: 1328, height: 1328 })).toBe("1:1");
    expect(aspectLabel({ width: 768, height: 2700 })).toBe("1:3.52");
    expect(aspectLabel({ width: 1000, height: 700 })).toBe("10:7");
  });
});

describe("rule descriptions and size text", () => {
  it("describes each rule in words", () => {
    expect(describeSizeRule(budget, [])).toBe("1.64 to 2.07 megapixels in total (1280*1280 to 1440*1440), aspect ratio 1:4 to 4:1.");
    expect(describeSizeRule(sides, [])).toBe("Width and height each 512 to 1440 px.");
    expect(describeSizeRule({ kind: "presets" }, presets)).toBe("Only these 2 sizes: 1664*928, 1328*1328.");
  });

  it("parses W*H and refuses other shapes", () => {
    expect(parseSize("1328*1328")).toEqual({ width: 1328, height: 1328 });
    expect(parseSize("1024x768")).toEqual({ width: 1024, height: 768 });
    expect(parseSize("1024")).toBeNull();
    expect(parseSize("a*b")).toBeNull();
  });
});
