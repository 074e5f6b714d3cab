import { unzipSync } from "fflate";
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { generationView } from "@/test/generation-view";
import type { EditRequest } from "../edit/edit-request";
import { readPngText } from "../png/text-chunks";
import type { ComparisonView, ImageView } from "../generation/view";
import { defaultRequest } from "../models/defaults";
import type { ModelId } from "../models/registry";
import { MESSAGES } from "../i18n/messages";
import { missingGlyphs } from "../grid/text-outline";
import { setEntries } from "./set-results";
import { contactSheetLeftOut, contactSheetPng, zipFiles } from "./takeaway-files";
import { zipStream } from "./zip-stream";

const view = (id: string): ImageView => ({ id, width: 8, height: 8, revisedPrompt: "", src: `/full/${id}`, thumbSrc: `/thumb/${id}`, downloadSrc: `/api/images/${id}/download` });

describe("a take-away zip", () => {
  it("goes on past an image it cannot read (a damaged file, a storage error), whole, and says which in README.txt and the server's log", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#3366cc" } }).png().toBuffer();
    const stored: Record<string, () => Promise<Buffer | null>> = {
      good: async () => png,
      damaged: async () => Buffer.from("not a picture at all"),
      failing: async () => {
        throw new Error("S3 answered 500 InternalError");
      },
      deleted: async () => null,
    };
    const generation = generationView({ status: "succeeded", seed: 5, images: Object.keys(stored).map(view) });
    const store = { image: async (id: string) => ({ id, position: 0, width: 8, height: 8, mime: "image/png", bytes: 10, revisedPrompt: "", generationId: generation.id }) };
    const images = { read: (id: string) => stored[id]?.() ?? Promise.resolve(null) };
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const files = zipFiles({ entries: [{ name: "Wan 2.6", generation }], origin: "http://localhost", note: null, locale: "en" }, { store, images });
      const zip = unzipSync(new Uint8Array(await new Response(zipStream(files)).arrayBuffer()));
      const names = (JSON.parse(new TextDecoder().decode(zip["manifest.json"])) as Array<{ file: string | null }>).map((line) => line.file);
      const [good, damaged, failing, deleted] = names;
      expect(Object.keys(zip).filter((name) => name.endsWith(".png"))).toEqual([good]);
      expect([damaged, failing, deleted]).toEqual([null, null, null]);
      const readme = new TextDecoder().decode(zip["README.txt"]).trimEnd().split("\n\n");
      expect(readme).toEqual([
        expect.stringMatching(/^1 image was deleted while this zip was written, so it is not in it: images\/001_.*\.png\.$/),
        expect.stringMatching(/^2 images could not be read from storage \(damaged, or the storage failed\), so they are not in it: images\/001_.*\.png, images\/001_.*\.png\.$/),
      ]);
      expect(error.mock.calls.map(([line]) => String(line))).toEqual([
        expect.stringMatching(/^image damaged could not be read for a zip/),
        expect.stringMatching(/^image failing could not be read for a zip.*S3 answered 500/),
      ]);
    } finally {
      error.mockRestore();
    }
  });
});

describe("a zip of edits", () => {
  it("holds each edit's input beside its results, as a PNG, once however many edits started from it; their PNGs and manifests say they are edits", async () => {
    const request: EditRequest = { model: "qwen-image-edit-plus", input: { id: "in", width: 48, height: 16 }, size: null, prompt: "make the sky stormy", negativePrompt: "", n: 1, seed: 5, promptExtend: true, watermark: false };
    const input = (id: string) => ({ id, width: 48, height: 16, src: `/api/images/${id}`, thumbSrc: "", from: null });
    const edit = (id: string, inputId: string) => generationView({ id, status: "succeeded", seed: 5, request: { ...request, input: { ...request.input, id: inputId } }, input: input(inputId), images: [view(`${id}-result`)] });
    const jpeg = await sharp({ create: { width: 48, height: 16, channels: 3, background: "#cc6633" } }).jpeg().toBuffer();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#3366cc" } }).png().toBuffer();
    const stored: Record<string, Buffer> = { in: jpeg, "a-result": png, "b-result": png, "c-result": png };
    const store = { image: async (id: string) => ({ id, position: 0, width: 8, height: 8, mime: "image/png", bytes: 10, revisedPrompt: "", generationId: id }) };
    const entries = [
      { name: "1 · Qwen-Image Edit Plus", generation: edit("a", "in") },
      { name: "2 · Qwen-Image Edit Plus", generation: edit("b", "in") },
      { name: "3 · Qwen-Image Edit Plus", generation: edit("c", "gone") },
    ];
    const files = zipFiles({ entries, origin: "http://localhost", note: null, locale: "en" }, { store, images: { read: async (id) => stored[id] ?? null } });
    const zip = unzipSync(new Uint8Array(await new Response(zipStream(files)).arrayBuffer()));
    expect(Object.keys(zip).filter((name) => name.startsWith("images/"))).toEqual([
      "images/001_input.png",
      "images/001_qwen-image-edit-plus_seed5_make-the-sky-stormy.png",
      "images/002_qwen-image-edit-plus_seed5_make-the-sky-stormy.png",
      "images/003_qwen-image-edit-plus_seed5_make-the-sky-stormy.png",
    ]);
    expect(await sharp(Buffer.from(zip["images/001_input.png"] ?? [])).metadata()).toMatchObject({ format: "png", width: 48, height: 16 });
    const parameters = readPngText(Buffer.from(zip["images/002_qwen-image-edit-plus_seed5_make-the-sky-stormy.png"] ?? [])).find((entry) => entry.keyword === "parameters");
    expect(JSON.parse(parameters?.text ?? "{}")).toEqual({ model: "qwen-image-edit-plus", size: null, n: 1, prompt_extend: true, watermark: false, input: { id: "in", width: 48, height: 16 }, seed: 5, negative_prompt: "" });
    const manifest = JSON.parse(new TextDecoder().decode(zip["manifest.json"])) as Array<{ input_file: string | null; input_url: string | null }>;
    expect(manifest.map((line) => [line.input_file, line.input_url])).toEqual([
      ["images/001_input.png", "http://localhost/api/images/in"],
      ["images/001_input.png", "http://localhost/api/images/in"],
      // Gone while the zip was written: the manifests name no file for it, README.txt names it.
      [null, "http://localhost/api/images/gone"],
    ]);
    expect(new TextDecoder().decode(zip["README.txt"]).trimEnd()).toBe("1 image was deleted while this zip was written, so it is not in it: images/003_input.png.");
  });
});

describe("a zip of a blind comparison since revealed", () => {
  it("names its images, in README.txt and the manifests, with their columns' letters, as its card names the columns", async () => {
    const column = (id: string, model: ModelId) => ({ generation: { ...generationView({ id, status: "succeeded", seed: 3, images: [view(`${id}-image`)] }), request: { ...defaultRequest(model), prompt: "a paper lantern" } }, notes: [] });
    const set: ComparisonView = {
      kind: "comparison",
      id: "c",
      createdAt: 0,
      request: { models: ["qwen-image", "wan2.6-t2i"], prompt: "a paper lantern", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 3, promptExtend: true, watermark: false, blind: true },
      seed: 3,
      starred: false,
      revealed: true,
      columns: [column("a", "qwen-image"), column("b", "wan2.6-t2i")],
    };
    const store = { image: async (id: string) => ({ id, position: 0, width: 8, height: 8, mime: "image/png", bytes: 10, revisedPrompt: "", generationId: id }) };
    // Both deleted while the zip is written: README.txt names them.
    const files = zipFiles({ entries: setEntries(set), origin: "http://localhost", note: null, locale: "en" }, { store, images: { read: async () => null } });
    const zip = unzipSync(new Uint8Array(await new Response(zipStream(files)).arrayBuffer()));
    expect(new TextDecoder().decode(zip["README.txt"]).trimEnd()).toBe(
      "2 images were deleted while this zip was written, so they are not in it: images/001_A_qwen-image_seed3_a-paper-lantern.png, images/002_B_wan2.6-t2i_seed3_a-paper-lantern.png.",
    );
    expect((JSON.parse(new TextDecoder().decode(zip["manifest.json"])) as Array<{ item: string }>).map((line) => line.item)).toEqual(["A · Qwen-Image", "B · Wan 2.6"]);
  });
});

describe("a take-away's files asked for from the Chinese interface", () => {
  it("write README.txt in Chinese: what the take-away left out, then the images the zip could not hold", async () => {
    const generation = generationView({ status: "succeeded", seed: 5, images: [view("deleted")] });
    const store = { image: async (id: string) => ({ id, position: 0, width: 8, height: 8, mime: "image/png", bytes: 10, revisedPrompt: "", generationId: generation.id }) };
    const files = zipFiles({ entries: [{ name: "Wan 2.6", generation }], origin: "http://localhost", note: "所选的 1 项已被删除，未包含在内。", locale: "zh" }, { store, images: { read: async () => null } });
    const zip = unzipSync(new Uint8Array(await new Response(zipStream(files)).arrayBuffer()));
    expect(new TextDecoder().decode(zip["README.txt"]).trimEnd().split("\n\n")).toEqual([
      "所选的 1 项已被删除，未包含在内。",
      expect.stringMatching(/^有 1 张图片在生成此 zip 时被删除，未包含在内：images\/001_.*\.png。$/),
    ]);
  });

  it("say under the contact sheet's title, in Chinese, what it could not show, in characters its font draws", () => {
    expect(contactSheetLeftOut("zh", { over: 5, unreadable: 2 })).toEqual(["这里只有前 400 张图片，另有 5 张未收入：一张缩略图总览最多容纳这么多。", "有 2 张图片无法从存储中读取（文件损坏或存储出错），其方框写明原因。"]);
    expect(contactSheetLeftOut("en", { over: 1, unreadable: 1 })).toEqual([
      "Only the first 400 images are here, 1 more left out: a contact sheet holds no more.",
      "1 image could not be read from storage (damaged, or the storage failed): its box says so.",
    ]);
    expect(contactSheetLeftOut("zh", { over: 0, unreadable: 0 })).toEqual([]);
    // The sheet draws its text from the font the playground ships, a subset: a character it lacks is an empty box.
    const drawn = Object.values(MESSAGES.zh.sets.files).flatMap((message) => (typeof message === "string" ? [message] : [message.one, message.other]));
    for (const text of drawn) expect(missingGlyphs(text)).toEqual([]);
  });
});

describe("a take-away contact sheet", () => {
  it("says in the box of an image it cannot read why it is empty, how many under its title, and is made all the same", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#3366cc" } }).png().toBuffer();
    // Cut short on disk: its header reads, its pixels do not.
    const noise = await sharp(Buffer.from(Array.from({ length: 64 * 64 * 3 }, (_, index) => (index * 7919) % 251)), { raw: { width: 64, height: 64, channels: 3 } }).png().toBuffer();
    const stored: Record<string, () => Promise<Buffer | null>> = {
      good: async () => png,
      damaged: async () => Buffer.from("not a picture at all"),
      cut: async () => noise.subarray(0, Math.floor(noise.length / 2)),
      failing: async () => {
        throw new Error("S3 answered 500 InternalError");
      },
    };
    const generation = generationView({ status: "succeeded", seed: 5, images: Object.keys(stored).map(view) });
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const sheet = await contactSheetPng({ title: "四张", entries: [{ name: "Wan 2.6", generation }], note: "所选的 1 项已被删除，未包含在内。", locale: "zh" }, { images: { read: (id) => stored[id]?.() ?? Promise.resolve(null) } });
      expect((await sharp(sheet).metadata()).format).toBe("png");
      expect(error.mock.calls.map(([line]) => String(line))).toEqual(
        expect.arrayContaining([expect.stringMatching(/^image damaged could not be read for a contact sheet/), expect.stringMatching(/^image failing could not be read for a contact sheet.*S3 answered 500/)]),
      );
    } finally {
      error.mockRestore();
    }
  });
});
