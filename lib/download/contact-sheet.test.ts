import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { boxedImage } from "../grid/grid-image";
import { CONTACT_SHEET, contactSheetSize, nameLines, renderContactSheet } from "./contact-sheet";

const swatch = async (r: number, g: number, b: number) =>
  boxedImage(await sharp({ create: { width: 480, height: 480, channels: 3, background: { r, g, b } } }).png().toBuffer(), CONTACT_SHEET.thumb);
const inked = async (png: Buffer, region: { left: number; top: number; width: number; height: number }) =>
  (await sharp(png).extract(region).greyscale().raw().toBuffer()).some((value) => value < 128);

describe("a contact sheet", () => {
  it("puts five thumbnails four across, each with its caption, on one page as large as its layout", async () => {
    const entries = await Promise.all(
      [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0], [0, 255, 255]].map(async ([r = 0, g = 0, b = 0], index) => ({ image: await swatch(r, g, b), label: `第 ${index + 1} 行 · Wan 2.6`, prompt: "清晨悬崖上的一座灯塔 A lighthouse on a cliff at dawn" })),
    );
    const png = await renderContactSheet("Three animals", entries);
    const { width, height } = await sharp(png).metadata();
    expect({ width, height }).toEqual(contactSheetSize(5));
    const { thumb, gap, margin, title, caption } = CONTACT_SHEET;
    const at = (index: number) => ({ left: margin + (index % 4) * (thumb + gap), top: margin + title + Math.floor(index / 4) * (thumb + caption + gap) });
    const centre = async (index: number) => [...(await sharp(png).extract({ left: at(index).left + thumb / 2, top: at(index).top + thumb / 2, width: 1, height: 1 }).raw().toBuffer())];
    expect(await centre(0)).toEqual([255, 0, 0]);
    expect(await centre(4)).toEqual([0, 255, 255]);
    for (const index of [0, 4]) expect(await inked(png, { left: at(index).left, top: at(index).top + thumb, width: thumb, height: caption })).toBe(true);
  });
});

/** Pixels dark in one picture and light in the other: a glyph drawn in one only (not the edges' anti-aliasing, which differs by place). */
const inkDifference = (one: Buffer, other: Buffer) => one.filter((value, index) => Math.abs(value - (other[index] ?? 0)) > 128).length;

describe("a contact sheet's captions", () => {
  const caption = async (png: Buffer, index: number) => {
    const { thumb, gap, margin, title, caption: height } = CONTACT_SHEET;
    return sharp(png).extract({ left: margin + index * (thumb + gap), top: margin + title + thumb, width: thumb, height }).raw().toBuffer();
  };

  it("tell apart the cells of one item, their number in front: what differs, at their end, is not cut off", async () => {
    const image = await swatch(200, 120, 40);
    for (const labels of [
      ["1 · Model: Qwen-Image Max · Seed: 7", "1 · Model: Qwen-Image Max · Seed: 11"],
      ["1 · 模型：Qwen-Image Plus · 种子：7", "1 · 模型：Qwen-Image Plus · 种子：11"],
    ]) {
      const png = await renderContactSheet("A grid", labels.map((label) => ({ image, label, prompt: "A lighthouse on a cliff at dawn" })));
      expect(inkDifference(await caption(png, 0), await caption(png, 1))).toBeGreaterThan(20);
      const { width, height } = await sharp(png).metadata();
      expect({ width, height }).toEqual(contactSheetSize(2, 2));
    }
  });

  it("break a name between its parts, and past the lines a band holds drop its middle, never its end", () => {
    expect(nameLines("1 · Model: Qwen-Image Max · Seed: 11")).toEqual(["1 · Model: Qwen-Image Max", "Seed: 11"]);
    expect(nameLines("第 2 行 · Wan 2.6")).toEqual(["第 2 行 · Wan 2.6"]);
    const long = nameLines(`3 · Model: Wan 2.6 · Search and replace: ${"a red paper lantern over a dark lake ".repeat(4)}· Seed: 11`);
    expect(long).toHaveLength(CONTACT_SHEET.mostNameLines);
    expect(long[0]).toBe("3 · Model: Wan 2.6");
    expect(long[1]).toMatch(/…$/);
    expect(long.at(-1)).toMatch(/Seed: 11$/);
  });

  it("say in a box without a picture why it has none", async () => {
    const png = await renderContactSheet("A grid", [{ missing: "Failed", label: "Model: Wan 2.6", prompt: "A lighthouse" }]);
    const { thumb, margin, title } = CONTACT_SHEET;
    expect(await inked(png, { left: margin, top: margin + title, width: thumb, height: thumb })).toBe(true);
  });
});
