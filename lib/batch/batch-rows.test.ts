import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getModel } from "../models/registry";
import { rowProblems, toBatchRequest, batchRequestSchema } from "./batch-request";
import { batchToCsv, rowsFromCsv, rowsFromLines, type BatchDefaults } from "./batch-rows";
import { CsvError } from "./csv";

const DEFAULTS: BatchDefaults = { model: "wan2.6-t2i", aspect: "1:1", n: 1, seed: null, promptExtend: true, watermark: false };

describe("a batch's rows", () => {
  it("takes one prompt per line, blank lines skipped, each with the defaults and the line it came from", () => {
    const rows = rowsFromLines("A fox\n\n  An owl  \n", DEFAULTS);
    expect(rows.map((row) => [row.line, row.request.prompt, row.request.model, row.request.n])).toEqual([
      [1, "A fox", "wan2.6-t2i", 1],
      [3, "An owl", "wan2.6-t2i", 1],
    ]);
    expect(rows[0]?.request).toMatchObject({ width: getModel("wan2.6-t2i").defaultSize.width, seed: null, promptExtend: true });
  });

  it("reads a CSV by its header, models by id or name, empty cells taking the defaults", () => {
    const rows = rowsFromCsv('Prompt,Negative prompt,model,size,seed,n\n"A fox, in snow",blurry,Qwen-Image,1328*1328,7,\nAn owl,,,,,2', DEFAULTS);
    expect(rows.map((row) => row.request)).toEqual([
      expect.objectContaining({ prompt: "A fox, in snow", negativePrompt: "blurry", model: "qwen-image", width: 1328, height: 1328, seed: 7, n: 1 }),
      expect.objectContaining({ prompt: "An owl", negativePrompt: "", model: "wan2.6-t2i", seed: null, n: 2 }),
    ]);
    expect(rows.map((row) => row.line)).toEqual([2, 3]);
    expect(rowProblems(rows)).toEqual([]);
  });

  it("says which line breaks which rule, before anything is sent", () => {
    const rows = rowsFromCsv(`prompt,model,seed,n\nA fox,qwen-image,,\n${"x".repeat(900)},qwen-image,,\nAn owl,gpt-image,,\nA cat,,soon,\nA dog,qwen-image,,3`, DEFAULTS);
    expect(rowProblems(rows).map((problem) => problem.message)).toEqual([
      "Line 3: qwen-image reads at most 800 characters; this prompt has 900.",
      "Line 4: There is no model “gpt-image”.",
      "Line 5: The seed “soon” is not a whole number.",
      "Line 6: qwen-image makes exactly 1 image per request.",
    ]);
    // The server refuses the same rows in the same words, a field per row.
    const parsed = batchRequestSchema.safeParse(toBatchRequest("fox", "csv", rows.filter((row) => !row.unreadable)));
    expect(parsed.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["rows.1.request.prompt", "Line 3: qwen-image reads at most 800 characters; this prompt has 900."],
      ["rows.2.request.n", "Line 6: qwen-image makes exactly 1 image per request."],
    ]);
  });

  it("refuses a header it cannot read, and a CSV without a prompt column", () => {
    expect(() => rowsFromCsv("prompt,colour\nA fox,red", DEFAULTS)).toThrow(new CsvError(1, "unknown column “colour”; the columns are prompt, negative_prompt, model, size, seed, n."));
    expect(() => rowsFromCsv("model\nqwen-image", DEFAULTS)).toThrow(new CsvError(1, "the header has no prompt column; the columns are prompt, negative_prompt, model, size, seed, n."));
  });

  it("property: a batch written as CSV reads back as the same requests, whatever the defaults", () => {
    const request = fc.record({
      prompt: fc.stringMatching(/^[a-z灯 ,"]{1,20}$/).filter((text) => text.trim() !== "" && text === text.trim()),
      negativePrompt: fc.constantFrom("", "blurry, dark"),
      model: fc.constantFrom("wan2.6-t2i" as const, "qwen-image" as const),
      width: fc.constantFrom(1024, 1328),
      height: fc.constantFrom(1024, 1328),
      n: fc.integer({ min: 1, max: 4 }),
      seed: fc.option(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { nil: null }),
      promptExtend: fc.constant(false),
      watermark: fc.constant(false),
    });
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 6 }), fc.constantFrom<BatchDefaults>(DEFAULTS, { ...DEFAULTS, model: "qwen-image", n: 1, seed: 5 }), (requests, defaults) => {
        const read = rowsFromCsv(batchToCsv(requests), { ...defaults, promptExtend: false });
        // A seed left random stays random only where the defaults have none: an empty cell takes the default.
        expect(read.map((row) => row.request)).toEqual(requests.map((entry) => ({ ...entry, seed: entry.seed ?? defaults.seed })));
      }),
    );
  });

  it("property: every non-blank line is one row, in order, with its line number", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(""), fc.constant("  "), fc.stringMatching(/^[a-z][a-z ]{0,20}$/)), { maxLength: 30 }), (lines) => {
        const rows = rowsFromLines(lines.join("\n"), DEFAULTS);
        const expected = lines.flatMap((line, index) => (line.trim() === "" ? [] : [[index + 1, line.trim()]]));
        expect(rows.map((row) => [row.line, row.request.prompt])).toEqual(expected);
      }),
    );
  });
});
