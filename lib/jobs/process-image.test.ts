import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { answerThumbnail, inspectImage } from "./process-image";

const png = () => sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 90, b: 30 } } }).png().toBuffer();

describe("an answer's image", () => {
  it("is known by its header at once, and checked whole by making its thumbnail", async () => {
    const bytes = await png();
    expect(await inspectImage(bytes)).toEqual({ width: 640, height: 480, mime: "image/png" });
    const thumbnail = await answerThumbnail(bytes);
    expect((await sharp(thumbnail).metadata()).format).toBe("webp");
  });

  it("with a sound header but a broken body passes the first look and fails the thumbnail, as a bad answer", async () => {
    const bytes = await png();
    const broken = bytes.subarray(0, Math.floor(bytes.length / 2));
    expect((await inspectImage(broken)).width).toBe(640);
    await expect(answerThumbnail(broken)).rejects.toMatchObject({ code: "bad_upstream_response" });
  });

  it("that is no image at all is refused by its header", async () => {
    await expect(inspectImage(Buffer.from("<html>not an image</html>"))).rejects.toMatchObject({ code: "bad_upstream_response" });
  });

  it("that is empty (a link that answered 200 with nothing) is refused as the gateway's, at both looks", async () => {
    await expect(inspectImage(Buffer.alloc(0))).rejects.toMatchObject({ code: "bad_upstream_response" });
    await expect(answerThumbnail(Buffer.alloc(0))).rejects.toMatchObject({ code: "bad_upstream_response" });
  });
});
