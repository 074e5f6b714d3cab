import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvError, parseCsv, toCsv, unguardCell } from "./csv";

describe("CSV", () => {
  it("reads quoted fields, doubled quotes, line breaks inside quotes, CRLF and a byte-order mark", () => {
    expect(parseCsv('\ufeffprompt,seed\r\n"a fox, in snow",7\n"say ""hi""\nthere",\n\nplain,8')).toEqual([
      { line: 1, cells: ["prompt", "seed"] },
      { line: 2, cells: ["a fox, in snow", "7"] },
      { line: 3, cells: ['say "hi"\nthere', ""] },
      { line: 6, cells: ["plain", "8"] },
    ]);
  });

  it("reads a quoted field typed with spaces before its opening quote, as people type it", () => {
    expect(parseCsv('prompt, seed\nA fox,  "in snow, at dusk" ,7\n "A, b"')).toEqual([
      { line: 1, cells: ["prompt", " seed"] },
      { line: 2, cells: ["A fox", "in snow, at dusk ", "7"] },
      { line: 3, cells: ["A, b"] },
    ]);
  });

  it("refuses an unclosed quote with the line it opened on", () => {
    expect(() => parseCsv('a\n"b,c\nd')).toThrow(new CsvError(2, 'a quoted field is never closed (a " is missing).'));
  });

  it("writes what a spreadsheet reads back, and defuses cells that look like formulas", () => {
    expect(toCsv([["prompt", "n"], ["a, b", 1], ["=HYPERLINK(1)", null]])).toBe('\ufeffprompt,n\r\n"a, b",1\r\n\'=HYPERLINK(1),\r\n');
  });

  it("gives back a prompt starting with a tab or a carriage return without the ' that guarded it", () => {
    for (const prompt of ["\ttabbed start", "\rreturned start", "'\tquoted tab"]) {
      const [row] = parseCsv(toCsv([["x", prompt]]));
      expect(row?.cells.map(unguardCell)).toEqual(["x", prompt]);
    }
  });

  it("property: a cell written for a spreadsheet or for the app reads back as it was once its guard is taken off", () => {
    // Every character a guard is about, among any others.
    const cell = fc.string({ unit: fc.oneof(fc.constantFrom("'", "=", "+", "-", "@", "\t", "\r", "\n", " ", ",", '"'), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })) });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 4 }), fc.boolean(), (cells, spreadsheet) => {
        // Led by a plain cell: a row of one empty cell is a blank line, which a CSV cannot tell apart.
        const [row] = parseCsv(toCsv([["x", ...cells]], { spreadsheet }));
        expect(row?.cells.map(unguardCell)).toEqual(["x", ...cells]);
      }),
    );
  });

  it("property: what it writes it reads back, cell for cell (formula-like cells aside)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "\r\n", "灯", "x") }).filter((value) => !/^[=+\-@\t\r]/.test(value));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const read = parseCsv(toCsv(rows)).map((row) => row.cells);
        expect(read).toEqual(rows);
      }),
    );
  });
});
