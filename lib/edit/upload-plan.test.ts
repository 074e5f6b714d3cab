import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ANY_EDIT_INPUT } from "../models/edit-models";
import { checkDeclaredSize, checkFileSize, planUpload, SEND_BUDGET_BYTES } from "./upload-plan";

const MB = 1024 * 1024;

describe("what the browser does with a chosen file", () => {
  it("refuses a 12 MB file on its size alone, before reading it", () => {
    expect(checkFileSize(12 * MB, ANY_EDIT_INPUT)).toEqual({ code: "too-large", megabytes: 12, maxMegabytes: 10 });
    expect(checkFileSize(10 * MB, ANY_EDIT_INPUT)).toBeNull();
    expect(planUpload(12 * MB, "image/png", { width: 1000, height: 1000 }, ANY_EDIT_INPUT)).toMatchObject({ ok: false, refusal: { code: "too-large" } });
  });

  it("refuses what is not a PNG, JPEG or WebP by its bytes, and what will not decode", () => {
    expect(planUpload(1000, null, { width: 800, height: 600 }, ANY_EDIT_INPUT)).toEqual({ ok: false, refusal: { code: "not-an-image" } });
    expect(planUpload(1000, "image/jpeg", null, ANY_EDIT_INPUT)).toEqual({ ok: false, refusal: { code: "unreadable" } });
  });

  it("refuses a header that declares more pixels than a tab should decode, before decoding it", () => {
    expect(checkDeclaredSize({ width: 30_000, height: 30_000 })).toEqual({ code: "too-many-pixels", width: 30_000, height: 30_000, maxMegapixels: 100 });
    expect(checkDeclaredSize({ width: 8000, height: 6000 })).toBeNull();
  });

  it("refuses a picture smaller than the models take, saying its size", () => {
    expect(planUpload(1000, "image/png", { width: 300, height: 800 }, ANY_EDIT_INPUT)).toEqual({
      ok: false,
      refusal: { code: "too-small", width: 300, height: 800, minSide: 384 },
    });
  });

  it("sends a picture up to 2048 px as it is, and scales a larger one down keeping its shape", () => {
    expect(planUpload(1000, "image/webp", { width: 2048, height: 1536 }, ANY_EDIT_INPUT)).toEqual({ ok: true, type: "image/webp", scaleTo: null, compress: false });
    expect(planUpload(1000, "image/jpeg", { width: 4000, height: 3000 }, ANY_EDIT_INPUT)).toEqual({
      ok: true,
      type: "image/jpeg",
      scaleTo: { width: 2048, height: 1536 },
      compress: false,
    });
  });

  it("draws a file over the send budget again even when its pixels need no scaling, and one just under it not", () => {
    expect(SEND_BUDGET_BYTES).toBe(4 * MB);
    expect(planUpload(9 * MB, "image/png", { width: 2000, height: 1500 }, ANY_EDIT_INPUT)).toEqual({ ok: true, type: "image/png", scaleTo: null, compress: true });
    expect(planUpload(4 * MB, "image/png", { width: 2000, height: 1500 }, ANY_EDIT_INPUT)).toMatchObject({ ok: true, compress: false });
    expect(planUpload(9 * MB, "image/png", { width: 3000, height: 2000 }, ANY_EDIT_INPUT)).toMatchObject({ scaleTo: { width: 2048, height: 1365 }, compress: true });
  });

  it("keeps a panorama's short side at the models' minimum, and refuses one too long for any scale", () => {
    expect(planUpload(1000, "image/jpeg", { width: 6000, height: 1000 }, ANY_EDIT_INPUT)).toEqual({
      ok: true,
      type: "image/jpeg",
      scaleTo: { width: 2304, height: 384 },
      compress: false,
    });
    expect(planUpload(1000, "image/jpeg", { width: 9000, height: 1000 }, ANY_EDIT_INPUT)).toMatchObject({ ok: false, refusal: { code: "too-elongated" } });
  });

  it("never plans an upload the server's input rule would refuse for its pixels", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 20_000 }), (width, height) => {
        const plan = planUpload(1000, "image/png", { width, height }, ANY_EDIT_INPUT);
        if (!plan.ok) return;
        const sent = plan.scaleTo ?? { width, height };
        expect(Math.min(sent.width, sent.height)).toBeGreaterThanOrEqual(ANY_EDIT_INPUT.minSide);
        expect(Math.max(sent.width, sent.height)).toBeLessThanOrEqual(ANY_EDIT_INPUT.maxSide);
      }),
    );
  });
});
