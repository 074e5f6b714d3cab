import { describe, expect, it } from "vitest";
import { compareRequestSchema, type CompareRequest } from "../compare/compare-request";
import { defaultRequest } from "../models/defaults";
import { DEFAULT_GRID } from "../grid/grid-plan";
import { gridRequestSchema } from "../grid/grid-request";
import { generateRequestSchema } from "../models/request-schema";
import { schemaResolver } from "./schema-resolver";

const options = { fields: {}, shouldUseNativeValidation: false } as const;

describe("the forms' schema resolver", () => {
  it("passes valid values through", async () => {
    const values = { ...defaultRequest("qwen-image"), prompt: "a cat" };
    expect(await schemaResolver(() => generateRequestSchema).resolver(values, undefined, options)).toEqual({ values, errors: {} });
  });

  it("gives each field its first problem, in the schema's words", async () => {
    const values = { ...defaultRequest("qwen-image"), prompt: "", width: 100, n: 3 };
    const { errors } = await schemaResolver(() => generateRequestSchema).resolver(values, undefined, options);
    expect(errors.prompt?.message).toBe("Write a prompt first.");
    expect(errors.width?.message).toMatch(/^qwen-image takes only its preset sizes/);
    expect(errors.n?.message).toBe("qwen-image makes exactly 1 image per request.");
  });

  it("loads its schema once, however many validations ask at once, and tries again after a failed load", async () => {
    let loads = 0;
    const failing = schemaResolver(async () => {
      loads++;
      if (loads === 1) throw new Error("offline");
      return generateRequestSchema;
    });
    const values = { ...defaultRequest("qwen-image"), prompt: "a cat" };
    await expect(failing.resolver(values, undefined, options)).rejects.toThrow("offline");
    const answers = await Promise.all([failing.resolver(values, undefined, options), failing.resolver(values, undefined, options)]);
    expect(answers).toEqual([{ values, errors: {} }, { values, errors: {} }]);
    expect(loads).toBe(2);
  });

  it("puts a problem with one item of a list on the list", async () => {
    const values = { models: ["qwen-image", "nope"], prompt: "x", negativePrompt: "", aspect: "1:1", perModel: 1, seed: null, promptExtend: true, watermark: false, blind: false };
    const { errors } = await schemaResolver(() => compareRequestSchema).resolver(values as unknown as CompareRequest, undefined, options);
    expect(errors.models?.message).toBe("Choose models from the list.");
  });

  it("puts a problem with one item of a list named by item on that item, and the list's own on its root", async () => {
    const values = { ...DEFAULT_GRID, prompt: "a fox", axes: [{ type: "aspect", values: ["1:1", "16:9"] }, { type: "seed", values: [1, 2, 31, 2, 3] }] } as const;
    const grid = schemaResolver(() => gridRequestSchema, { byItem: ["axes"] });
    const { errors } = await grid.resolver(structuredClone(values) as never, undefined, options);
    const axes = errors.axes as unknown as Array<{ message: string } | undefined> & { root?: { message: string } };
    expect(axes[0]).toBeUndefined();
    expect(axes[1]?.message).toBe("Seeds: each value can be given once.");
    expect(axes.root).toBeUndefined();
    const tooBig = { ...values, axes: [{ type: "seed", values: Array.from({ length: 11 }, (_, i) => i) }, { type: "replace", values: ["fox", ...Array.from({ length: 10 }, (_, i) => `t${i}`)] }] };
    const big = (await grid.resolver(tooBig as never, undefined, options)).errors.axes as unknown as { root?: { message: string } };
    expect(big.root?.message).toMatch(/cells/);
  });
});
