import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { grid as en } from "../i18n/messages/en/grid";
import { grid as zh } from "../i18n/messages/zh/grid";
import { sets as zhSets } from "../i18n/messages/zh/sets";
import { boxedImage, GRID_IMAGE, gridImageSize, renderGridImage, type GridImageInput } from "./grid-image";
import { missingGlyphs } from "./text-outline";

const swatch = async (r: number, g: number, b: number) =>
  boxedImage(await sharp({ create: { width: 480, height: 480, channels: 3, background: { r, g, b } } }).png().toBuffer(), GRID_IMAGE.cell);

/** Whether any pixel of the region is dark: text was drawn there. */
const inked = async (png: Buffer, region: { left: number; top: number; width: number; height: number }) => {
  const { data } = await sharp(png).extract(region).greyscale().raw().toBuffer({ resolveWithObject: true });
  return data.some((value) => value < 128);
};
const pixel = async (png: Buffer, x: number, y: number) => [...(await sharp(png).extract({ left: x, top: y, width: 1, height: 1 }).raw().toBuffer())];

const twoByThree = async (labels: { x: string[]; y: string[]; corner: string; title: string }): Promise<GridImageInput> => ({
  title: labels.title,
  tables: [
    {
      caption: null,
      corner: labels.corner,
      columns: labels.x,
      rows: [
        { label: labels.y[0] ?? "", cells: [{ image: await swatch(255, 0, 0) }, { image: await swatch(0, 255, 0) }] },
        { label: labels.y[1] ?? "", cells: [{ image: await swatch(0, 0, 255) }, { missing: "Failed" }] },
        { label: labels.y[2] ?? "", cells: [{ image: await swatch(255, 255, 0) }, { image: await swatch(0, 255, 255) }] },
      ],
    },
  ],
});

describe("the grid's PNG", () => {
  it("is as large as its layout, with each cell's image in its place and the labels drawn", async () => {
    const input = await twoByThree({ x: ["Wan 2.6", "Qwen-Image"], y: ["7", "8", "9"], corner: "Seed \\ Model", title: "A red lighthouse at dawn" });
    const png = await renderGridImage(input);
    const { width, height, format } = await sharp(png).metadata();
    const { cell, gap, margin, rowLabel, header, title } = GRID_IMAGE;
    expect(format).toBe("png");
    expect({ width, height }).toEqual(gridImageSize(input));
    expect(width).toBe(margin * 2 + rowLabel + gap + 2 * cell + gap);
    expect(height).toBe(margin * 2 + title + header + 3 * cell + 2 * gap);
    const left = margin + rowLabel + gap;
    const top = margin + title + header;
    // Each swatch fills its cell: the centre of the cell has its colour.
    expect(await pixel(png, left + cell / 2, top + cell / 2)).toEqual([255, 0, 0]);
    expect(await pixel(png, left + cell + gap + cell / 2, top + cell / 2)).toEqual([0, 255, 0]);
    expect(await pixel(png, left + cell / 2, top + 2 * (cell + gap) + cell / 2)).toEqual([255, 255, 0]);
    // The title, the column labels and the row labels are drawn where they belong; the failed cell says so.
    expect(await inked(png, { left: margin, top: margin, width: 300, height: title })).toBe(true);
    expect(await inked(png, { left, top: margin + title, width: cell, height: header })).toBe(true);
    expect(await inked(png, { left: margin, top, width: rowLabel, height: cell })).toBe(true);
    expect(await inked(png, { left: left + cell + gap, top: top + cell + gap, width: cell, height: cell })).toBe(true);
  });

  it("draws Chinese labels from the font it ships, with a glyph for every character", async () => {
    const labels = { x: [zh.values.on, zh.values.off], y: ["红色灯塔", "金色灯塔", "清晨悬崖上的一座灯塔，柔和的晨光"], corner: `${zh.axisNames.replace} \\ ${zh.axisNames.promptExtend}`, title: "清晨悬崖上的一座灯塔" };
    for (const text of [...labels.x, ...labels.y, labels.corner, labels.title, ...Object.values(zh.axisNames), ...Object.values(zhSets.status), ...Object.values(en.axisNames)]) {
      expect(missingGlyphs(text)).toEqual([]);
    }
    const png = await renderGridImage(await twoByThree(labels));
    const { margin, title, header, rowLabel, gap } = GRID_IMAGE;
    expect(await inked(png, { left: margin, top: margin + title, width: rowLabel, height: header })).toBe(true);
    expect(await inked(png, { left: margin + rowLabel + gap, top: margin + title, width: 100, height: header })).toBe(true);
  });

  it("says which characters the font lacks", () => {
    expect(missingGlyphs("a 𠀀 b")).toEqual(["𠀀"]);
  });
});
