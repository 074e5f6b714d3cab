import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { CONTACT_SHEET, contactSheetSize, renderContactSheet } from "./contact-sheet";

const swatch = (r: number, g: number, b: number) => sharp({ create: { width: 480, height: 480, channels: 3, background: { r, g, b } } }).png().toBuffer();
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
