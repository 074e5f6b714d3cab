import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { invert } from "./invert-matrix";

const product = (a: readonly (readonly number[])[], b: readonly (readonly number[])[]) => a.map((row) => (b[0] ?? []).map((_, j) => row.reduce((sum, value, k) => sum + value * (b[k]?.[j] ?? 0), 0)));

describe("invert", () => {
  it("inverts a matrix whose first pivot is 0", () => {
    expect(invert([[0, 2], [4, 0]])).toEqual([[0, 0.25], [0.5, 0]]);
  });

  it("refuses a singular matrix", () => {
    expect(() => invert([[1, 2], [2, 4]])).toThrow("singular");
  });

  it("property: a diagonally dominant matrix times its inverse is the identity", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }).chain((size) => fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: size, maxLength: size }), { minLength: size, maxLength: size })), (rows) => {
        const matrix = rows.map((row, i) => row.map((value, j) => (i === j ? value + (value < 0 ? -row.length : row.length) : value)));
        product(matrix, invert(matrix)).forEach((row, i) => row.forEach((value, j) => expect(value).toBeCloseTo(i === j ? 1 : 0, 9)));
      }),
    );
  });
});
