import { describe, expect, it } from "vitest";
import { layTable } from "./deck-table";
import { widestWord } from "./text-fit";

const ROOM = { width: 12.533, height: 6 };
const COLUMNS = ["Item", "Model", "Size", "Seed", "Images", "Prompt rewriting", "Watermark", "Negative prompt"];
const row = (n: number, negative = "blurry") => [`${n}`, "Qwen-Image Plus (2026-01-09)", "1024*1024", "2024", "4", "on", "off", negative];

describe("a deck's table laid out", () => {
  it("puts its rows on slides whole and in order, a cell too long for a slide of its own cut short", () => {
    const endless = "blurry, low quality, ".repeat(600);
    const rows = Array.from({ length: 30 }, (_, index) => row(index + 1, index === 11 ? endless : "blurry"));
    const { pages } = layTable({ columns: COLUMNS, rows }, ROOM);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat().map((cells) => cells[0])).toEqual(rows.map((cells) => cells[0]));
    const cut = pages.flat()[11]?.[7] ?? "";
    expect(cut).toMatch(/^blurry, low quality, .*…$/);
    expect(cut.length).toBeLessThan(endless.length);
    // The rest of the long row's cells are whole.
    expect(pages.flat()[11]?.slice(0, 7)).toEqual(rows[11]?.slice(0, 7));
  });

  it("gives each column at least its widest word, at its size, whatever the other columns want", () => {
    const { widths, fontSize } = layTable({ columns: COLUMNS, rows: [row(1, "a very long negative prompt ".repeat(30)), row(2)] }, ROOM);
    expect(fontSize).toBe(12);
    const least = (word: string) => (widestWord(word) * fontSize) / 72;
    for (const [index, word] of ["Item", "Qwen-Image", "1024*1024", "Seed", "Images", "rewriting", "Watermark", "Negative"].entries()) expect(widths[index], word).toBeGreaterThan(least(word));
    expect(widths.reduce((sum, width) => sum + width, 0)).toBeCloseTo(ROOM.width);
  });

  it("has one slide, under its header, when it has no rows", () => {
    expect(layTable({ columns: COLUMNS, rows: [] }, ROOM).pages).toEqual([[]]);
  });
});
