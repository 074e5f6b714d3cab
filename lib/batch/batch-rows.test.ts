import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultRequest } from "../models/defaults";
import { getModel, MODELS } from "../models/registry";
import { BATCH_MAX_BYTES, BATCH_NAME_MAX, rowProblems, toBatchRequest, batchRequestSchema } from "./batch-request";
import { BATCH_LIMITS, batchSwitches, batchToCsv, rowsFromCsv, rowsFromLines, type BatchDefaults } from "./batch-rows";
import { resultLines, resultTable } from "../download/set-results";
import { imageLinks } from "../generation/view";
import { generationView } from "@/test/generation-view";
import { CsvError, toCsv } from "./csv";

/** A row's fields as the properties draw them: prompts that start like formulas, commas and quotes included. */
const ROW = {
  prompt: fc.stringMatching(/^[=+\-@']?[a-z灯 ,"=]{1,20}$/).filter((text) => text.trim() !== "" && text === text.trim()),
  negativePrompt: fc.constantFrom("", "blurry, dark", "-people"),
  model: fc.constantFrom("wan2.6-t2i" as const, "qwen-image" as const),
  width: fc.constantFrom(1024, 1328),
  height: fc.constantFrom(1024, 1328),
  n: fc.integer({ min: 1, max: 4 }),
};

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
    const rows = rowsFromCsv(`prompt,model,seed,n\nA fox,qwen-image,,\n${"x".repeat(900)},qwen-image,,\nAn owl,gpt-image,,\nA cat,,soon,\nA dog,qwen-image,,3\nA hen,,-1,`, DEFAULTS);
    expect(rowProblems(rows).map((problem) => problem.message)).toEqual([
      "Line 3: qwen-image reads at most 800 characters; this prompt has 900.",
      "Line 4: There is no model “gpt-image”.",
      "Line 5: The seed “soon” is not a whole number.",
      "Line 6: qwen-image makes exactly 1 image per request.",
      // A whole number out of range is said as such, not as "not a whole number".
      "Line 7: Seed must be between 0 and 2147483647.",
    ]);
    // The server refuses the same rows in the same words, a field per row.
    const parsed = batchRequestSchema.safeParse(toBatchRequest("fox", "csv", rows.filter((row) => !row.unreadable)));
    expect(parsed.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["rows.1.request.prompt", "Line 3: qwen-image reads at most 800 characters; this prompt has 900."],
      ["rows.2.request.n", "Line 6: qwen-image makes exactly 1 image per request."],
      ["rows.3.request.seed", "Line 7: Seed must be between 0 and 2147483647."],
    ]);
  });

  it("a hundred rows at the longest prompts any model takes, in Chinese, fit the body the route reads", () => {
    const longest = [...MODELS].sort((a, b) => b.promptMaxLength + b.negativePromptMaxLength - (a.promptMaxLength + a.negativePromptMaxLength))[0];
    if (!longest) throw new Error("no models");
    const rows = rowsFromLines(Array.from({ length: BATCH_LIMITS.rows }, () => "狐".repeat(longest.promptMaxLength)).join("\n"), { ...DEFAULTS, model: longest.id }).map((row) => ({
      ...row,
      request: { ...row.request, negativePrompt: "雪".repeat(longest.negativePromptMaxLength) },
    }));
    const batch = toBatchRequest("狐".repeat(BATCH_NAME_MAX), "lines", rows);
    expect(batchRequestSchema.safeParse(batch).success).toBe(true);
    const bytes = Buffer.byteLength(JSON.stringify(batch));
    expect(bytes).toBeGreaterThan(512 * 1024);
    expect(bytes).toBeLessThanOrEqual(BATCH_MAX_BYTES);
  });

  it("says a CSV whose columns are separated by semicolons or tabs is so, not that its one column is unknown", () => {
    const said = new CsvError(1, "the columns are separated by semicolons or tabs, not commas: save the file as CSV with commas (in a spreadsheet, choose comma as the separator).");
    expect(() => rowsFromCsv("prompt;size\nA cat;1280*1280", DEFAULTS)).toThrow(said);
    expect(() => rowsFromCsv("Prompt\tSeed\nA cat\t7", DEFAULTS)).toThrow(said);
    // A column named with a semicolon among others is a name, said as unknown.
    expect(() => rowsFromCsv("prompt,a;b\nA cat,x", DEFAULTS)).toThrow(new CsvError(1, "unknown column “a;b”; the columns are prompt, negative_prompt, model, size, seed, n."));
  });

  it("refuses a header it cannot read, and a CSV without a prompt column", () => {
    expect(() => rowsFromCsv("prompt,colour\nA fox,red", DEFAULTS)).toThrow(new CsvError(1, "unknown column “colour”; the columns are prompt, negative_prompt, model, size, seed, n."));
    expect(() => rowsFromCsv("prompt,constructor\nA fox,red", DEFAULTS)).toThrow(new CsvError(1, "unknown column “constructor”; the columns are prompt, negative_prompt, model, size, seed, n."));
    expect(() => rowsFromCsv("prompt,Negative prompt,seed,negative\nA fox,blurry,7,dark", DEFAULTS)).toThrow(
      new CsvError(1, "columns 2 (“Negative prompt”) and 4 (“negative”) both give the negative_prompt: keep one."),
    );
    expect(() => rowsFromCsv("model\nqwen-image", DEFAULTS)).toThrow(new CsvError(1, "the header has no prompt column; the columns are prompt, negative_prompt, model, size, seed, n."));
  });

  it("reads a spreadsheet's export with its empty columns and rows past the data, and refuses an unnamed column that holds values", () => {
    const rows = rowsFromCsv("prompt,model,,\r\nA fox,qwen-image,,\r\n,,,\r\nAn owl,,,\r\n,,,\r\n", DEFAULTS);
    expect(rows.map((row) => [row.line, row.request.prompt, row.unreadable])).toEqual([
      [2, "A fox", null],
      [4, "An owl", null],
    ]);
    expect(() => rowsFromCsv("prompt,,model\nA fox,red,qwen-image", DEFAULTS)).toThrow(new CsvError(1, "column 2 has no name but holds values: name it (prompt, negative_prompt, model, size, seed, n) or remove it."));
  });

  it("property: a batch reused reads back as the same requests, switches and formula-like prompts included, whatever the defaults", () => {
    const request = fc.record({ ...ROW, seed: fc.option(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { nil: null }) });
    // A batch's rows share its switches (the form's defaults), so one pair per batch.
    const batch = fc.record({ rows: fc.array(request, { minLength: 1, maxLength: 6 }), promptExtend: fc.boolean(), watermark: fc.boolean() });
    fc.assert(
      fc.property(batch, fc.constantFrom<BatchDefaults>(DEFAULTS, { ...DEFAULTS, model: "qwen-image", n: 1, seed: 5 }), ({ rows, promptExtend, watermark }, defaults) => {
        const requests = rows.map((row) => ({ ...row, promptExtend, watermark }));
        // What the form does on "Reuse": the CSV in its text box, the switches in its defaults.
        const read = rowsFromCsv(batchToCsv(requests), { ...defaults, ...batchSwitches(requests) });
        // A seed left random stays random only where the defaults have none: an empty cell takes the default.
        expect(read.map((row) => row.request)).toEqual(requests.map((entry) => ({ ...entry, seed: entry.seed ?? defaults.seed })));
        expect(read.map((row) => row.unreadable)).toEqual(requests.map(() => null));
      }),
    );
  });

  it("property: a batch whose rows ran with switches of their own (read from a results file) reads back with each row's own", () => {
    const request = fc.record({ ...ROW, seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), promptExtend: fc.boolean(), watermark: fc.boolean() });
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 6 }), (requests) => {
        // Switches on only where the row's model has them: what a run could have sent.
        const ran = requests.map((entry) => ({ ...entry, promptExtend: entry.promptExtend && getModel(entry.model).options.promptExtend, watermark: entry.watermark && getModel(entry.model).options.watermark }));
        const read = rowsFromCsv(batchToCsv(ran), { ...DEFAULTS, ...batchSwitches(ran) });
        expect(read.map((row) => row.request)).toEqual(ran);
      }),
    );
  });

  it("property: a batch's results file (one line per image, guarded for a spreadsheet, a note last) reads back as the batch that made it, each generation once with the seed it ran with", () => {
    const request = fc.record({ ...ROW, seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), promptExtend: fc.boolean(), watermark: fc.boolean() });
    // Each with the images it made (none when it failed), and a prompt of the batch given twice, as a batch may.
    const generations = fc.array(fc.record({ request, images: fc.integer({ min: 0, max: 4 }) }), { minLength: 1, maxLength: 5 }).map((entries) => [...entries, ...entries.slice(0, 1)]);
    fc.assert(
      fc.property(generations, fc.boolean(), (entries, note) => {
        const lines = resultLines(
          entries.map(({ request: asked, images }, position) => ({
            name: `line ${position + 1}`,
            generation: generationView({
              id: `g${position}`,
              status: images > 0 ? "succeeded" : "failed",
              request: asked,
              seed: asked.seed,
              images: Array.from({ length: images }, (_, index) => ({ id: `i${position}-${index}`, width: 1000 + index, height: 900, revisedPrompt: `revised ${index}`, ...imageLinks(`i${position}-${index}`) })),
            }),
          })),
          "http://playground.test",
        );
        const csv = toCsv([...resultTable(lines), ...(note ? [["note", "2 images were left out"]] : [])]);
        const read = rowsFromCsv(csv, { ...DEFAULTS, model: "qwen-image", n: 3, seed: 5, promptExtend: false, watermark: true });
        expect(read.map((row) => row.request)).toEqual(entries.map((entry) => entry.request));
        expect(read.map((row) => row.unreadable)).toEqual(entries.map(() => null));
        // Each row's line its own, in order: what the route asks.
        expect(read.map((row) => row.line)).toEqual([...new Set(read.map((row) => row.line))].sort((a, b) => a - b));
      }),
    );
  });

  it("refuses a results file's settings it cannot read, or a known one of another type, with its line", () => {
    const rows = rowsFromCsv('item,prompt,model,settings\nline 1,A fox,qwen-image,{"size":"1328*1328"}\nline 2,An owl,qwen-image,big\nline 3,A cat,qwen-image,"{""n"":""4""}"', DEFAULTS);
    const refused = (text: string) => `the settings “${text}” are not what a results file writes ({"size":"1328*1328","n":1,"prompt_extend":true,"watermark":false}).`;
    expect(rows.map((row) => [row.line, row.request.width, row.unreadable])).toEqual([
      [2, 1328, null],
      [3, expect.any(Number), refused("big")],
      [4, expect.any(Number), refused('{"n":"4"}')],
    ]);
  });

  it("takes a generation's image lines in a results file once, but a line copied to run twice, or lines it cannot tell apart, as rows", () => {
    const header = "item,prompt,model,seed,settings,file";
    const line = (file: string) => `line 1,A fox,qwen-image,7,"{""n"":1}",${file}`;
    const count = (...lines: string[]) => rowsFromCsv([header, ...lines].join("\n"), DEFAULTS).length;
    expect(count(line("images/001_a.png"), line("images/001_b.png"))).toBe(1);
    expect(count(line("images/001_a.png"), line("images/001_a.png"))).toBe(2);
    expect(count(line(""), line(""))).toBe(2);
    expect(rowsFromCsv(`item,prompt,settings\nline 1,A fox,{}\nline 1,A fox,{}`, DEFAULTS)).toHaveLength(2);
    // Its links tell them apart as well, the files' column deleted.
    expect(rowsFromCsv(`item,prompt,settings,image_url\nline 1,A fox,{},http://x/1\nline 1,A fox,{},http://x/2`, DEFAULTS)).toHaveLength(1);
  });

  it("refuses a row whose unquoted comma made more cells than the header names, rather than cut its prompt", () => {
    const rows = rowsFromCsv("prompt\nA fox, in snow\nAn owl,\n\"A cat, asleep\"", DEFAULTS);
    expect(rowProblems(rows).map((problem) => problem.message)).toEqual([
      'Line 2: It has 2 cells, and the header names 1: put a cell that holds a comma in double quotes ("A fox, in snow").',
    ]);
    // A trailing empty cell, as spreadsheets write, is no more text.
    expect(rows.slice(1).map((row) => [row.request.prompt, row.unreadable])).toEqual([
      ["An owl", null],
      ["A cat, asleep", null],
    ]);
  });

  it("gives a row left without a count the default as its model can make it", () => {
    const rows = rowsFromCsv("prompt,model,n\nA fox,qwen-image,\nAn owl,wan2.6-t2i,\nA cat,wan2.6-t2i,2", { ...DEFAULTS, n: 4 });
    expect(rows.map((row) => [row.request.model, row.request.n])).toEqual([
      ["qwen-image", 1],
      ["wan2.6-t2i", 4],
      ["wan2.6-t2i", 2],
    ]);
    expect(rowProblems(rows)).toEqual([]);
  });

  it("reads a prompt from a spreadsheet's export as written, without the ' that guards a formula", () => {
    const rows = rowsFromCsv("prompt,negative_prompt\n'=a formula-like title,'-people\n'plain quote", DEFAULTS);
    expect(rows.map((row) => [row.request.prompt, row.request.negativePrompt])).toEqual([
      ["=a formula-like title", "-people"],
      ["'plain quote", ""],
    ]);
  });

  it("reads back a results file's prompt that starts with a tab as it ran, the guard's ' not billed as part of it", () => {
    const generation = generationView({ id: "g", status: "failed", request: { ...defaultRequest("qwen-image"), prompt: "\ttabbed start" } });
    const [row] = rowsFromCsv(toCsv(resultTable(resultLines([{ name: "line 1", generation }], "http://playground.test"))), DEFAULTS);
    expect(row?.request.prompt).toBe("\ttabbed start");
  });

  it("refuses rows that share a line or come out of their lines' order: a row is named by its line everywhere", () => {
    const rows = rowsFromLines("a fox\nan owl\na hare", DEFAULTS);
    const refused = (lines: number[]) =>
      batchRequestSchema.safeParse(toBatchRequest("fox", "lines", rows.map((row, index) => ({ ...row, line: lines[index] ?? 0 })))).error?.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(refused([1, 2, 3])).toBeUndefined();
    expect(refused([1, 5, 9])).toBeUndefined();
    expect(refused([1, 3, 3])).toEqual([["rows.2.line", "Line 3 is given to two rows: each row has a line of its own."]]);
    expect(refused([2, 1, 3])).toEqual([["rows.1.line", "Line 1 comes after line 2: rows come in the order of their lines."]]);
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
