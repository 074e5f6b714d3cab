import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { generationView } from "@/test/generation-view";
import { missingWords } from "../download/missing-words";
import type { ComparisonView, GenerationStatus } from "../generation/view";
import { grid as en } from "../i18n/messages/en/grid";
import { grid as zh } from "../i18n/messages/zh/grid";
import { DEFAULT_GRID, planGrid } from "./grid-plan";
import type { GridRequest } from "./grid-request";
import { gridImageInput, type GridImageWords } from "./grid-image-input";

const words = (messages: typeof en, locale: "en" | "zh"): GridImageWords => ({ axisNames: messages.axisNames, axisValue: messages.axisValue, values: messages.values, corner: messages.card.corner, ...missingWords(locale) });

/** A grid of four seeds, each cell's first image named by its seed's place, as its statuses say. */
const gridOf = (statuses: readonly GenerationStatus[]): ComparisonView<GridRequest> => {
  const request: GridRequest = { ...DEFAULT_GRID, prompt: "a fox", axes: [{ type: "seed", values: statuses.map((_, index) => index + 1) }] };
  const columns = planGrid(request, 1).cells.map((cell, index) => {
    const status = statuses[index] ?? "succeeded";
    const images = status === "succeeded" ? [{ id: `cell${index}`, width: 8, height: 8, revisedPrompt: "", src: "", thumbSrc: "", downloadSrc: "" }] : [];
    return { generation: { ...generationView({ id: `g${index}`, status, images }), request: cell.request }, notes: [] };
  });
  return { kind: "comparison", id: "grid", createdAt: 0, request, seed: 1, starred: false, revealed: false, columns };
};

describe("what the grid's PNG shows in a cell", () => {
  it("says a finished cell's image is no longer stored when it is gone, its status when it made none, and unreadable when its pixels do not decode", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#3366cc" } }).png().toBuffer();
    const noise = await sharp(Buffer.from(Array.from({ length: 64 * 64 * 3 }, (_, index) => (index * 7919) % 251)), { raw: { width: 64, height: 64, channels: 3 } }).png().toBuffer();
    // Cut short on disk: its header reads, its pixels do not.
    const stored: Record<string, Buffer> = { cell0: png, cell3: noise.subarray(0, Math.floor(noise.length / 2)) };
    const images = { read: async (id: string) => stored[id] ?? null };
    const grid = gridOf(["succeeded", "succeeded", "failed", "succeeded"]);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const cells = async (locale: "en" | "zh") => {
        const input = await gridImageInput(grid, words(locale === "en" ? en : zh, locale), images);
        return input.tables[0]?.rows.flatMap((row) => row.cells.map((cell) => ("missing" in cell ? cell.missing : "a picture")));
      };
      expect(await cells("en")).toEqual(["a picture", "This image is no longer stored here.", "Failed", "This image could not be read from storage (damaged, or the storage failed)."]);
      expect(await cells("zh")).toEqual(["a picture", "此图片已不在这里保存。", "失败", "此图片无法从存储中读取（文件损坏或存储出错）。"]);
      expect(error.mock.calls.map(([line]) => String(line))).toEqual(Array(2).fill(expect.stringMatching(/^image cell3 could not be read for a grid image/)));
    } finally {
      error.mockRestore();
    }
  });
});
