import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { readImageSize } from "./image-size";
import { sniffImageType } from "./sniff";

const make = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#4477aa" } });

describe("the size an image declares, read from its header", () => {
  it.each([
    ["png", () => make(1234, 567).png()],
    ["jpeg", () => make(1234, 567).jpeg()],
    ["progressive jpeg", () => make(1234, 567).jpeg({ progressive: true })],
    ["jpeg with EXIF", () => make(1234, 567).jpeg().withMetadata({ orientation: 6 })],
    ["lossy webp", () => make(1234, 567).webp()],
    ["lossless webp", () => make(1234, 567).webp({ lossless: true })],
    ["webp with alpha", () => sharp({ create: { width: 1234, height: 567, channels: 4, background: { r: 1, g: 2, b: 3, alpha: 0.5 } } }).webp()],
  ])("%s", async (_, image) => {
    const bytes = await image().toBuffer();
    const type = sniffImageType(bytes);
    expect(type).not.toBeNull();
    if (type) expect(readImageSize(bytes, type)).toEqual({ width: 1234, height: 567 });
  });

  it("says nothing rather than guess when the header is not all there", async () => {
    const jpeg = await make(800, 600).jpeg().toBuffer();
    expect(readImageSize(jpeg.subarray(0, 20), "image/jpeg")).toBeNull();
    expect(readImageSize((await make(800, 600).png().toBuffer()).subarray(0, 20), "image/png")).toBeNull();
    expect(readImageSize(Buffer.from([0xff, 0xd8, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09]), "image/jpeg")).toBeNull();
  });
});
