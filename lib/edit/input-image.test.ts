import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ANY_EDIT_INPUT } from "../models/edit-models";
import { crc32 } from "../png/text-chunks";
import { checkInputImage, toDataUri } from "./input-image";
import { sniffImageType } from "./sniff";

const picture = (width: number, height: number, format: "png" | "jpeg" | "webp" = "png") =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } }).toFormat(format).toBuffer();

describe("the input image of an edit", () => {
  it.each(["png", "jpeg", "webp"] as const)("takes a %s, judged by its bytes", async (format) => {
    const bytes = await picture(640, 480, format);
    expect(sniffImageType(bytes)).toBe(`image/${format}`);
    const check = await checkInputImage(bytes);
    expect(check).toMatchObject({ ok: true, image: { mime: `image/${format}`, width: 640, height: 480 } });
    if (check.ok) expect(toDataUri(check.image)).toMatch(new RegExp(`^data:image/${format};base64,[A-Za-z0-9+/]+=*$`));
  });

  it("refuses another kind of file disguised by its name (a GIF or a text file called photo.png)", async () => {
    const gif = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
    for (const bytes of [gif, Buffer.from("just some text, named photo.png")]) {
      expect(await checkInputImage(bytes)).toEqual({ ok: false, reason: "That file is not a PNG, JPEG or WebP image (judged by its contents, not its name)." });
    }
  });

  it("refuses a file over 10 MB before looking inside", async () => {
    const big = Buffer.alloc(ANY_EDIT_INPUT.maxBytes + 1);
    expect(await checkInputImage(big)).toEqual({ ok: false, reason: "The image is 10.1 MB; the most the gateway takes is 10 MB." });
    const twelve = Buffer.alloc(12 * 1024 * 1024);
    expect(await checkInputImage(twelve)).toMatchObject({ ok: false, reason: "The image is 12 MB; the most the gateway takes is 10 MB." });
  });

  it("refuses an image too small or too large in pixels, saying its size", async () => {
    expect(await checkInputImage(await picture(300, 120))).toEqual({ ok: false, reason: "The image is 300*120; each side needs at least 384 px for the model to work with." });
    expect(await checkInputImage(await picture(3100, 400, "jpeg"))).toEqual({ ok: false, reason: "The image is 3100*400; each side may be at most 3072 px." });
  });

  it("refuses a picture whose header declares a vast size as too large, not as damaged, without decoding it", async () => {
    /** A small PNG whose header says it is width*height (its pixels are those of a 400*400 one). */
    const declaring = async (width: number, height: number) => {
      const bytes = Buffer.from(await picture(400, 400));
      bytes.writeUInt32BE(width, 16);
      bytes.writeUInt32BE(height, 20);
      bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29);
      return bytes;
    };
    for (const [width, height] of [[16_000, 16_000], [17_000, 17_000], [60_000, 60_000], [3073, 400]] as const) {
      expect(await checkInputImage(await declaring(width, height))).toEqual({ ok: false, reason: `The image is ${width}*${height}; each side may be at most 3072 px.` });
    }
  });

  it("refuses corrupt or cut-off bytes that only look like an image", async () => {
    const whole = await picture(640, 480, "jpeg");
    const cut = whole.subarray(0, Math.floor(whole.length / 2));
    const garbled = Buffer.concat([whole.subarray(0, 20), Buffer.alloc(2000, 7)]);
    // Whole header, whole length, the middle of the picture's data scrambled: a decoder only warns about it.
    const detailed = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 40 } } }).jpeg().toBuffer();
    const scrambled = Buffer.from(detailed);
    for (let at = Math.floor(scrambled.length * 0.4); at < scrambled.length * 0.6; at++) scrambled[at] = (at * 7919) % 256;
    for (const bytes of [cut, garbled, scrambled]) {
      expect(await checkInputImage(bytes)).toEqual({ ok: false, reason: "The image could not be read: the file is damaged or incomplete." });
    }
  });

  it("turns a rotated photo upright by its EXIF orientation and drops its metadata", async () => {
    // Stored 640 wide and 400 high, with orientation 6: a camera held on its side, seen 400*640.
    const rotated = await sharp({ create: { width: 640, height: 400, channels: 3, background: "#336699" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const check = await checkInputImage(rotated);
    expect(check).toMatchObject({ ok: true, image: { width: 400, height: 640 } });
    if (!check.ok) return;
    const metadata = await sharp(check.image.bytes).metadata();
    expect([metadata.width, metadata.height, metadata.orientation ?? 1]).toEqual([400, 640, 1]);
    expect(metadata.exif).toBeUndefined();
  });
});
