import sharp from "sharp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MESSAGES } from "@/lib/i18n/messages";
import { format } from "@/lib/i18n/format";
import { ANY_EDIT_INPUT } from "@/lib/models/edit-models";
import { prepareFile, type PreparedFile } from "./prepare-file";

/** A PNG's bytes: its header declares the size, and the stubbed decoder below reports the same. */
const png = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#888" } }).png().toBuffer();

/** The browser's decoder, as far as prepareFile uses it. */
const decodesAs = (width: number, height: number) => vi.stubGlobal("createImageBitmap", async () => ({ width, height, close: () => {} }));

/** A canvas whose drawing fails as a browser's can: no 2D context, or no blob (out of memory). */
const canvasFailing = (how: "no context" | "no blob") =>
  vi.stubGlobal(
    "OffscreenCanvas",
    class {
      getContext() {
        return how === "no context" ? null : { drawImage: () => {} };
      }
      convertToBlob(): Promise<Blob> {
        return Promise.reject(new DOMException("Encoding failed.", "EncodingError"));
      }
    },
  );

/** What the edit form shows for it, in Chinese: never the browser's own words. */
const zhText = (prepared: PreparedFile) => (prepared.ok ? "" : format(MESSAGES.zh.edit.input.refusals[prepared.refusal.code], { ...prepared.refusal }));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("a chosen file made ready in the browser", () => {
  it("is refused in the interface's words when the browser cannot read it (moved since chosen, a folder)", async () => {
    const unreadable = { size: 300_000, slice: () => ({ arrayBuffer: () => Promise.reject(new DOMException("The requested file could not be read.", "NotReadableError")) }) } as unknown as Blob;
    const prepared = await prepareFile(unreadable, ANY_EDIT_INPUT, () => {});
    expect(prepared).toEqual({ ok: false, refusal: { code: "file-unavailable" } });
    expect(zhText(prepared)).toBe("无法读取这个文件：它可能在选择之后被移动、修改或删除了，也可能是一个文件夹。没有上传任何内容。");
  });

  it("is refused in the interface's words when a picture over 2048 px cannot be drawn smaller", async () => {
    const file = new Blob([await png(3000, 2000)]);
    decodesAs(3000, 2000);
    for (const failure of ["no context", "no blob"] as const) {
      canvasFailing(failure);
      expect(await prepareFile(file, ANY_EDIT_INPUT, () => {})).toEqual({ ok: false, refusal: { code: "cannot-scale", width: 3000, height: 2000 } });
    }
    // A browser without OffscreenCanvas at all.
    vi.stubGlobal("OffscreenCanvas", undefined);
    const prepared = await prepareFile(file, ANY_EDIT_INPUT, () => {});
    expect(zhText(prepared)).toBe("这个浏览器无法把 3000*2000 的图片缩小后上传。请先自行缩小，或换一个浏览器。没有上传任何内容。");
  });

  it("goes as it is when it was to be drawn again only to save bytes and cannot be", async () => {
    // Over the send budget by its bytes, within the gateway's limit, and small enough not to need scaling.
    const file = new Blob([await png(1000, 800), new Uint8Array(5 * 1024 * 1024)]);
    decodesAs(1000, 800);
    canvasFailing("no blob");
    expect(await prepareFile(file, ANY_EDIT_INPUT, () => {})).toEqual({ ok: true, blob: file, type: "image/png" });
  });
});
