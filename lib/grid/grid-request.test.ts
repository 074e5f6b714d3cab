import fc from "fast-check";
import { safeParse } from "zod/mini";
import { describe, expect, it } from "vitest";
import { getModel, MODEL_IDS } from "../models/registry";
import { generateRequestSchema } from "../models/request-schema";
import { gridRequestSchema, type GridAxis, type GridRequest } from "./grid-request";
import { cellCount, cellsByModel, DEFAULT_GRID, GRID_LIMITS, gridImageCount, gridPromptMax, planGrid, tooManyCells } from "./grid-plan";
import { promptListSchema } from "./prompt-list";

const grid = (patch: Partial<GridRequest>): GridRequest => ({ ...DEFAULT_GRID, prompt: "a red fox in snow", ...patch });
const messages = (value: unknown) => {
  const parsed = safeParse(gridRequestSchema, value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe("grid requests", () => {
  it("a model axis by a seed axis: 2 x 3 cells, the first axis changing fastest, each model at its nearest size", () => {
    const plan = planGrid(grid({ axes: [{ type: "model", values: ["wan2.6-t2i", "qwen-image-max"] }, { type: "seed", values: [7, 8, 9] }] }));
    expect(plan.axes).toEqual([
      { type: "model", labels: [getModel("wan2.6-t2i").name, getModel("qwen-image-max").name] },
      { type: "seed", labels: ["7", "8", "9"] },
    ]);
    expect(plan.cells.map((cell) => [cell.at, cell.request.model, cell.request.seed])).toEqual([
      [[0, 0], "wan2.6-t2i", 7],
      [[1, 0], "qwen-image-max", 7],
      [[0, 1], "wan2.6-t2i", 8],
      [[1, 1], "qwen-image-max", 8],
      [[0, 2], "wan2.6-t2i", 9],
      [[1, 2], "qwen-image-max", 9],
    ]);
    expect(messages(grid({ axes: [{ type: "model", values: ["wan2.6-t2i", "qwen-image-max"] }, { type: "seed", values: [7, 8, 9] }] }))).toEqual([]);
  });

  it("search and replace puts each term where the first one stands, the first cell as written", () => {
    const plan = planGrid(grid({ prompt: "a red fox, red sky", axes: [{ type: "replace", values: ["red", "blue", "golden"] }] }), 5);
    expect(plan.axes[0]?.labels).toEqual(["red", "blue", "golden"]);
    expect(plan.cells.map((cell) => cell.request.prompt)).toEqual(["a red fox, red sky", "a blue fox, blue sky", "a golden fox, golden sky"]);
    expect(plan.cells.every((cell) => cell.request.seed === 5)).toBe(true);
    expect(messages(grid({ prompt: "a fox", axes: [{ type: "replace", values: ["red", "blue"] }] }))).toEqual(["Search and replace: the prompt does not contain “red”, the first term."]);
  });

  it("prompt variables expand into one axis labelled by the values picked", () => {
    const request = grid({ prompt: "a {red|blue} __animal__", lists: { animal: ["cat", "dog"] }, axes: [{ type: "variables", mode: "all", count: 2, pickSeed: 0 }] });
    const plan = planGrid(request);
    expect(plan.axes[0]?.labels).toEqual(["red · cat", "red · dog", "blue · cat", "blue · dog"]);
    expect(plan.cells.map((cell) => cell.request.prompt)).toEqual(["a red cat", "a red dog", "a blue cat", "a blue dog"]);
    expect(messages(request)).toEqual([]);
    expect(messages({ ...request, lists: {} })).toContain("The prompt uses __animal__, which is not a saved list.");
    // An item twice would make its cells twice, each billed, in a saved list as in the grid's own copy.
    expect(messages({ ...request, lists: { animal: ["cat", "dog", " cat"] } })).toContain("A list gives “cat” twice: each item can be given once.");
    expect(safeParse(promptListSchema, { name: "animal", items: ["cat", "cat"] }).error?.issues.map((issue) => issue.message)).toEqual(["A list gives “cat” twice: each item can be given once."]);
    // A name every object answers to (a PHP magic method in a prompt, say) is no list either.
    for (const name of ["toString", "constructor", "hasOwnProperty"]) {
      expect(messages(grid({ prompt: `a code screenshot of __${name}__`, axes: [{ type: "variables", mode: "all", count: 2, pickSeed: 0 }] }))).toContain(
        `The prompt uses __${name}__, which is not a saved list.`,
      );
    }
    expect(messages({ ...request, axes: [{ type: "seed", values: [1, 2] }] })).toContain("The prompt has variables ({a|b} or __list__): add the prompt variables axis to expand them.");
  });

  it("every cell keeps the options asked where its model takes them, as every text-to-image model here does", () => {
    const plan = planGrid(grid({ negativePrompt: "blurry", promptExtend: false, watermark: true, axes: [{ type: "model", values: ["wan2.6-t2i", "qwen-image-max"] }] }));
    for (const cell of plan.cells) {
      expect(getModel(cell.request.model).options).toMatchObject({ negativePrompt: true, promptExtend: true, watermark: true });
      expect(cell.request).toMatchObject({ negativePrompt: "blurry", promptExtend: false, watermark: true });
      expect(cell.notes.filter((note) => note.startsWith("Takes no"))).toEqual([]);
    }
  });

  it("refuses prompt variables with more combinations than can be counted, rather than send the template to every cell", () => {
    const request = grid({ prompt: "{a|b} ".repeat(60).trim(), axes: [{ type: "variables", mode: "random", count: 4, pickSeed: 1 }] });
    expect(messages(request)).toContain("The prompt's variables make more combinations than can be counted: use fewer alternatives or shorter lists.");
    // A random pick among fewer is drawn as usual.
    const fewer = grid({ prompt: "{a|b} ".repeat(40).trim(), axes: [{ type: "variables", mode: "random", count: 4, pickSeed: 1 }] });
    expect(messages(fewer)).toEqual([]);
    expect(planGrid(fewer).cells.every((cell) => !cell.request.prompt.includes("{"))).toBe(true);
  });

  it("counts the prompt against the strictest model the grid runs: a models axis's, else its own", () => {
    expect(getModel("qwen-image").promptMaxLength).toBeLessThan(getModel("wan2.6-t2i").promptMaxLength);
    expect(gridPromptMax({ model: "wan2.6-t2i", axes: [] })).toBe(getModel("wan2.6-t2i").promptMaxLength);
    expect(gridPromptMax({ model: "wan2.6-t2i", axes: [{ type: "seed", values: [1] }, { type: "model", values: ["wan2.6-t2i", "qwen-image"] }] })).toBe(getModel("qwen-image").promptMaxLength);
    expect(gridPromptMax({ model: "qwen-image", axes: [{ type: "model", values: ["wan2.6-t2i"] }] })).toBe(getModel("wan2.6-t2i").promptMaxLength);
  });

  it("refuses a cell whose prompt would be empty, a list among alternatives and an alternative given twice, rather than send them", () => {
    const variables: GridAxis = { type: "variables", mode: "all", count: 2, pickSeed: 1 };
    expect(messages(grid({ prompt: "{a red fox|}", axes: [{ type: "seed", values: [1, 2] }, variables] }))).toEqual([
      "A cell's prompt would be empty (cell 1 · “”): keep some text outside the alternatives, or give the empty one a word.",
    ]);
    // Not as a term the empty alternative lacks: the empty cell is what to fix.
    expect(messages(grid({ prompt: "{a red fox|}", axes: [{ type: "replace", values: ["fox", "hare"] }, variables] }))).toEqual([
      "A cell's prompt would be empty (cell fox · “”): keep some text outside the alternatives, or give the empty one a word.",
    ]);
    expect(messages(grid({ prompt: "fox", axes: [{ type: "replace", values: ["fox", ""] }] }))).toEqual([
      "A cell's prompt would be empty (cell “”): keep some text outside the alternatives, or give the empty one a word.",
    ]);
    expect(messages(grid({ prompt: "{__animals__ on grass|a robot} on a beach", lists: { animals: ["a cat", "a dog"] }, axes: [variables] }))).toContain(
      "A list cannot be one of the alternatives in {…}: put __animals__ outside the braces.",
    );
    expect(messages(grid({ prompt: "a {red| red} fox", axes: [variables] }))).toEqual(["The alternatives in {…} give “red” twice: each can be given once."]);
    expect(messages(grid({ prompt: "a {|red|} fox", axes: [variables] }))).toEqual(["The alternatives in {…} leave a place empty twice: keep one empty alternative."]);
    // Text no cell could take whole is refused before it is copied into a hundred cells.
    expect(messages(grid({ prompt: "x".repeat(21_001), axes: [{ type: "seed", values: [1, 2] }] }))).toContain("The prompt may be at most 21000 characters.");
    // A short term replaced by a long one everywhere: refused before a single cell's prompt is written out.
    expect(messages(grid({ prompt: "x".repeat(20_000), axes: [{ type: "replace", values: ["x", "y".repeat(20_000)] }] }))).toEqual([
      "A cell's prompt could reach 400000000 characters, past the 21000 a grid takes: use shorter alternatives, list items or terms.",
    ]);
    // So are list names repeated through a long prompt, each to be a long item.
    expect(messages(grid({ prompt: "__l__ ".repeat(3_000).trim(), lists: { l: ["z".repeat(200)] }, axes: [{ type: "seed", values: [1, 2] }, { type: "variables", mode: "all", count: 2, pickSeed: 1 }] }))).toContain(
      "A cell's prompt could reach 602999 characters, past the 21000 a grid takes: use shorter alternatives, list items or terms.",
    );
    // One empty alternative beside text stays what it was: "nothing here".
    expect(messages(grid({ prompt: "a {red|} fox", axes: [variables] }))).toEqual([]);
  });

  it("refuses a grid past the cell cap, a setting on two axes, and too few values, in words", () => {
    const seeds = (count: number) => Array.from({ length: count }, (_, index) => index);
    expect(messages(grid({ axes: [{ type: "seed", values: seeds(12) }, { type: "negative", values: seeds(9).map(String) }] }))).toContain(
      `This grid has 108 cells; a grid has at most ${GRID_LIMITS.cells}.`,
    );
    expect(messages(grid({ axes: [{ type: "seed", values: [1, 2] }, { type: "seed", values: [3, 4] }] }))).toContain("Each setting can be one axis only; seed is on two.");
    expect(messages(grid({ axes: [{ type: "seed", values: [1] }] }))).toContain("Seeds: give at least 2 values.");
    expect(messages(grid({ axes: [] }))).toContain("Add at least 1 axis.");
  });

  it("says a grid is past the cell cap in the route's own words, and counts what all its cells make, as the form shows them typed", () => {
    const colors = (count: number) => `a {${["red", "green", "blue", "yellow", "pink", "black", "white", "gray", "orange", "purple", "teal", "gold", "silver"].slice(0, count).join("|")}} fox`;
    const variables: GridAxis = { type: "variables", mode: "all", count: 2, pickSeed: 1 };
    const over = grid({ prompt: colors(13), axes: [{ type: "seed", values: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, variables] });
    expect(tooManyCells(over)).toBe(`This grid has 117 cells; a grid has at most ${GRID_LIMITS.cells}.`);
    expect(messages(over)).toContain(tooManyCells(over));
    expect(cellsByModel(over)).toEqual([{ model: "wan2.6-t2i", cells: 117, n: 1 }]);
    const within = grid({ prompt: colors(12), axes: [{ type: "seed", values: [1, 2, 3, 4, 5, 6, 7, 8] }, variables] });
    expect(tooManyCells(within)).toBeNull();
    expect(messages(within)).toEqual([]);
    // Each model makes what it can per cell: Qwen-Image one image whatever is asked.
    const models = grid({ perCell: 3, axes: [{ type: "model", values: ["wan2.6-t2i", "qwen-image"] }, { type: "seed", values: [1, 2, 3] }] });
    expect(cellsByModel(models)).toEqual([
      { model: "wan2.6-t2i", cells: 3, n: 3 },
      { model: "qwen-image", cells: 3, n: 1 },
    ]);
    expect(cellsByModel(models).reduce((sum, { cells, n }) => sum + cells * n, 0)).toBe(gridImageCount(planGrid(models)));
  });

  it("refuses a grid past the cell cap before it expands the variables to look for a replaced term", () => {
    // 2^14 prompts of 20 KB each, were they all written out to look for "red": hundreds of megabytes.
    const request = grid({
      prompt: `red ${"{a|b} ".repeat(14)}${"x".repeat(20_000)}`,
      axes: [
        { type: "variables", mode: "all", count: 4, pickSeed: 1 },
        { type: "replace", values: ["red", "blue"] },
      ],
    });
    const before = process.memoryUsage().heapUsed;
    expect(messages(request)).toContain(`This grid has ${2 ** 15} cells; a grid has at most ${GRID_LIMITS.cells}.`);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    // Within the cap, the term is still looked for in every prompt.
    const within = grid({ prompt: "a {red|green} fox", axes: [{ type: "variables", mode: "all", count: 4, pickSeed: 1 }, { type: "replace", values: ["red", "blue"] }] });
    expect(messages(within)).toEqual(["Search and replace: the prompt does not contain “red”, the first term."]);
  });

  it("counts each cell's prompt in characters, an emoji as one", () => {
    expect(messages(grid({ prompt: "🐱".repeat(2100) }))).toEqual([]);
    expect(messages(grid({ prompt: "🐱".repeat(2101) }))).toContain("wan2.6-t2i reads at most 2100 characters; this prompt has 2101 (cell 1).");
    expect(messages(grid({ negativePrompt: "🐱".repeat(500) }))).toEqual([]);
  });

  it("says a negative prompt too long where it came from: the negative prompts axis, or the field", () => {
    const paths = (value: unknown) => {
      const parsed = safeParse(gridRequestSchema, value);
      return parsed.success ? [] : parsed.error.issues.filter((issue) => issue.message.includes("negative prompt of at most")).map((issue) => issue.path.join("."));
    };
    expect(paths(grid({ axes: [{ type: "seed", values: [1, 2] }, { type: "negative", values: ["blurry", "x".repeat(600)] }] }))).toEqual(["axes.1.values"]);
    expect(paths(grid({ negativePrompt: "x".repeat(600), axes: [{ type: "seed", values: [1, 2] }] }))).toEqual(["negativePrompt"]);
  });

  it("names the cell whose prompt passes its model's limit", () => {
    const long = "x".repeat(getModel("wan2.6-t2i").promptMaxLength);
    const found = messages(grid({ prompt: "a fox", axes: [{ type: "replace", values: ["fox", long] }] }));
    expect(found.some((message) => message.startsWith("wan2.6-t2i reads at most") && message.includes("(cell "))).toBe(true);
  });

  it("refuses two cells its model would make alike (4:3 and 3:2 on a model of five sizes), each billed", () => {
    const aspects = { axes: [{ type: "aspect" as const, values: ["4:3" as const, "3:2" as const, "1:1" as const] }] };
    expect(messages(grid({ model: "qwen-image", ...aspects }))).toEqual(["Cells 4:3 and 3:2 would send the same request (qwen-image at 1472*1104), each billed: keep one of those aspect ratios."]);
    expect(messages(grid({ model: "wan2.6-t2i", ...aspects }))).toEqual([]);
  });

  const axis: fc.Arbitrary<GridAxis> = fc.oneof(
    fc.uniqueArray(fc.constantFrom(...MODEL_IDS), { minLength: 2, maxLength: 4 }).map((values) => ({ type: "model" as const, values })),
    fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { minLength: 2, maxLength: 5 }).map((values) => ({ type: "seed" as const, values })),
    fc.uniqueArray(fc.constantFrom("1:1", "16:9", "9:16", "4:3") as fc.Arbitrary<"1:1" | "16:9" | "9:16" | "4:3">, { minLength: 2, maxLength: 4 }).map((values) => ({ type: "aspect" as const, values })),
    fc.constant<GridAxis>({ type: "promptExtend", values: [false, true] }),
    fc.uniqueArray(fc.stringMatching(/^[a-z ]{0,12}$/), { minLength: 2, maxLength: 3 }).map((values) => ({ type: "negative" as const, values })),
  );

  it("property: cells are the product of the axes, each place once, and the price counts every cell's images", () => {
    fc.assert(
      fc.property(fc.uniqueArray(axis, { minLength: 1, maxLength: 3, selector: (entry) => entry.type }), fc.integer({ min: 1, max: 4 }), (axes, perCell) => {
        const request = grid({ axes, perCell });
        const plan = planGrid(request, 1);
        const product = axes.reduce((count, entry) => count * (entry.type === "variables" ? 0 : entry.values.length), 1);
        expect(cellCount(request)).toBe(product);
        expect(plan.cells).toHaveLength(product);
        expect(new Set(plan.cells.map((cell) => cell.at.join(","))).size).toBe(product);
        expect(gridImageCount(plan)).toBe(plan.cells.reduce((sum, cell) => sum + Math.min(getModel(cell.request.model).n.max, Math.max(getModel(cell.request.model).n.min, perCell)), 0));
        // Every cell is a request its model accepts, whatever the axes asked.
        expect(messages(request)).toEqual([]);
        for (const cell of plan.cells) expect(safeParse(generateRequestSchema, cell.request).success).toBe(true);
      }),
    );
  });
});
