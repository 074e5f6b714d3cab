import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { asPng } from "./as-png";

describe("an image as a PNG", () => {
  it("is kept as it is when it is one, and converted, pixels and all, when it is a JPEG or a WebP", async () => {
    const picture = sharp({ create: { width: 4, height: 3, channels: 3, background: "#3366cc" } });
    const png = await picture.clone().png().toBuffer();
    expect(await asPng(png)).toBe(png);
    for (const other of [await picture.clone().jpeg().toBuffer(), await picture.clone().webp({ lossless: true }).toBuffer()]) {
      const converted = await asPng(other);
      expect(await sharp(converted).metadata()).toMatchObject({ format: "png", width: 4, height: 3 });
    }
  });
});
