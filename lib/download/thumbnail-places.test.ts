import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { generationView } from "@/test/generation-view";
import type { ImageView } from "../generation/view";
import { contactCards } from "./contact-cards";
import { renderContactSheet } from "./contact-sheet";

/** Every time sharp is handed an encoded file (not pixels it made or was given raw): a decode. */
const decodes = vi.hoisted(() => ({ count: 0 }));
vi.mock("sharp", async (importOriginal) => {
  const real = (await importOriginal<typeof import("sharp")>()).default;
  const counting = (...args: unknown[]) => {
    const [input, options] = args;
    if (Buffer.isBuffer(input) && !(typeof options === "object" && options !== null && "raw" in options)) decodes.count += 1;
    return (real as (...args: unknown[]) => unknown)(...args);
  };
  return { default: Object.assign(counting, real) };
});

const view = (id: string): ImageView => ({ id, width: 8, height: 8, revisedPrompt: "", src: "", thumbSrc: "", downloadSrc: "" });

describe("a contact sheet's thumbnails", () => {
  it("are each decoded once, a few at a time however many the sheet holds", async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3366cc" } }).png().toBuffer();
    const ids = Array.from({ length: 40 }, (_, index) => `image${index}`);
    const entries = [{ name: "1 · Wan 2.6", generation: generationView({ status: "succeeded", images: ids.map(view) }) }];
    let reading = 0;
    let most = 0;
    const images = {
      read: async () => {
        most = Math.max(most, ++reading);
        await new Promise((resolve) => setTimeout(resolve, 5));
        reading -= 1;
        return png;
      },
    };
    decodes.count = 0;
    const { cards } = await contactCards({ entries, locale: "en", most: 400 }, { images });
    const sheet = await renderContactSheet("A set", cards);
    expect(most).toBeLessThanOrEqual(4);
    // The thumbnails once each; the sheet's own pixels are raw.
    expect(decodes.count).toBe(ids.length);
    expect((await sharp(sheet).metadata()).format).toBe("png");
  });
});
