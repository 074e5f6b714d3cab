import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { generationView } from "@/test/generation-view";
import type { GenerationStatus, ImageView } from "../generation/view";
import { missingGlyphs } from "../grid/text-outline";
import { contactCards } from "./contact-cards";

const view = (id: string): ImageView => ({ id, width: 8, height: 8, revisedPrompt: "", src: "", thumbSrc: "", downloadSrc: "" });

describe("a contact sheet's boxes", () => {
  it("say why they have no picture, in the sheet's language, as the grid's picture does: the generation's status, an image gone or unreadable", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#3366cc" } }).png().toBuffer();
    const made = (name: string, status: GenerationStatus, images: string[] = []) => ({ name, generation: generationView({ id: name, status, images: images.map(view) }) });
    const entries = [made("1 · Wan 2.6", "succeeded", ["good", "gone", "failing"]), made("2 · Seed: 7", "failed"), made("2 · Seed: 11", "cancelled"), made("2 · Seed: 13", "running")];
    const images = {
      read: async (id: string) => {
        if (id === "failing") throw new Error("S3 answered 500 InternalError");
        return id === "good" ? png : null;
      },
    };
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const missing = async (locale: "en" | "zh") => {
        const { cards, over, unreadable } = await contactCards({ entries, locale, most: 400 }, { images });
        expect({ over, unreadable }).toEqual({ over: 0, unreadable: 1 });
        expect(cards.map((card) => card.label)).toEqual(["1 · Wan 2.6", "1 · Wan 2.6", "1 · Wan 2.6", "2 · Seed: 7", "2 · Seed: 11", "2 · Seed: 13"]);
        return cards.map((card) => ("missing" in card ? card.missing : null));
      };
      expect(await missing("en")).toEqual([null, "This image is no longer stored here.", "This image could not be read from storage (damaged, or the storage failed).", "Failed", "Cancelled", "Generating"]);
      const zh = await missing("zh");
      expect(zh).toEqual([null, "此图片已不在这里保存。", "此图片无法从存储中读取（文件损坏或存储出错）。", "失败", "已取消", "生成中"]);
      // Drawn from the font the playground ships, a subset: a character it lacks would be an empty box.
      for (const words of zh) expect(missingGlyphs(words ?? "")).toEqual([]);
      expect(error.mock.calls.map(([line]) => String(line))).toEqual(Array(2).fill(expect.stringMatching(/^image failing could not be read for a contact sheet.*S3 answered 500/)));
    } finally {
      error.mockRestore();
    }
  });

  it("count a thumbnail whose header reads but whose pixels do not (cut short on disk) as unreadable, and say so in its box", async () => {
    const noise = await sharp(Buffer.from(Array.from({ length: 64 * 64 * 3 }, (_, index) => (index * 7919) % 251)), { raw: { width: 64, height: 64, channels: 3 } }).png().toBuffer();
    const cut = noise.subarray(0, Math.floor(noise.length / 2));
    expect((await sharp(cut).metadata()).width).toBe(64);
    const entries = [{ name: "1 · Wan 2.6", generation: generationView({ status: "succeeded", images: [view("cut")] }) }];
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const { cards, unreadable } = await contactCards({ entries, locale: "en", most: 400 }, { images: { read: async () => cut } });
      expect(unreadable).toBe(1);
      expect(cards.map((card) => ("missing" in card ? card.missing : "a picture"))).toEqual(["This image could not be read from storage (damaged, or the storage failed)."]);
      expect(error.mock.calls.map(([line]) => String(line))).toEqual([expect.stringMatching(/^image cut could not be read for a contact sheet/)]);
    } finally {
      error.mockRestore();
    }
  });

  it("stop at the most a sheet holds and count the rest", async () => {
    const entries = [{ name: "1", generation: generationView({ status: "succeeded", images: ["a", "b", "c"].map(view) }) }];
    const { cards, over } = await contactCards({ entries, locale: "en", most: 2 }, { images: { read: async () => null } });
    expect({ cards: cards.length, over }).toEqual({ cards: 2, over: 1 });
  });
});
