import { describe, expect, it } from "vitest";
import { defaultEdit } from "../edit/edit-defaults";
import type { EditModelId } from "../models/edit-models";
import { defaultRequest } from "../models/defaults";
import type { Size } from "../models/size-rules";
import { isUnaskedSize, isUnaskedSizeNotice, unaskedSizeNotices } from "./unasked-size";

const generation = (width: number, height: number) => ({ ...defaultRequest("wan2.2-t2i-flash"), prompt: "a lighthouse", width, height });
const edit = (model: EditModelId, input: Size, size: Size | null) => ({ ...defaultEdit(model, { id: "in", ...input }), prompt: "stormy", size });
const sized = (width: number, height: number): Size => ({ width, height });

describe("a size the request could not have produced", () => {
  it("is told apart from the size asked by its shape or its pixels, not by a model's rounding", () => {
    const asked = generation(1440, 960);
    expect(isUnaskedSize(asked, sized(1440, 960))).toBe(false);
    // Sides rounded to a multiple of 16 or 64.
    expect(isUnaskedSize(asked, sized(1440, 976))).toBe(false);
    expect(isUnaskedSize(asked, sized(1408, 960))).toBe(false);
    expect(isUnaskedSize(asked, sized(1, 1))).toBe(true);
    expect(isUnaskedSize(asked, sized(960, 1440))).toBe(true);
    // The shape asked, at half the size.
    expect(isUnaskedSize(asked, sized(720, 480))).toBe(true);
    // A preset of a preset-only model, and its 16:9 at another scale.
    const preset = { ...defaultRequest("qwen-image"), prompt: "a poster", width: 1664, height: 928 };
    expect(isUnaskedSize(preset, sized(1664, 928))).toBe(false);
    expect(isUnaskedSize(preset, sized(1280, 720))).toBe(true);
    // An edit given a size is held to it as a generation is.
    expect(isUnaskedSize(edit("qwen-image-2.0-pro", sized(1200, 800), sized(1536, 1024)), sized(1536, 1024))).toBe(false);
    expect(isUnaskedSize(edit("qwen-image-2.0-pro", sized(1200, 800), sized(1536, 1024)), sized(1, 1))).toBe(true);
  });

  it("following the input, leaves the model its pick of the scale, but not of the shape nor past its side limits", () => {
    // A 3:2 input comes out at about 1248*832.
    const threeTwo = edit("qwen-image-2.0-pro", sized(1200, 800), null);
    expect(isUnaskedSize(threeTwo, sized(1248, 832))).toBe(false);
    expect(isUnaskedSize(threeTwo, sized(1536, 1024))).toBe(false);
    expect(isUnaskedSize(threeTwo, sized(1024, 1024))).toBe(true);
    expect(isUnaskedSize(threeTwo, sized(2400, 1600))).toBe(true);
    expect(isUnaskedSize(threeTwo, sized(600, 400))).toBe(true);
    // A square input, and the 1*1 a broken answer holds: the same shape, but nowhere near the scale.
    expect(isUnaskedSize(edit("qwen-image-edit", sized(1000, 1000), null), sized(1104, 1104))).toBe(false);
    expect(isUnaskedSize(edit("qwen-image-edit", sized(1000, 1000), null), sized(1, 1))).toBe(true);
    // An 8:1 panorama comes out 4:1 at 2048*512, each side within 512..2048: one past it is no size it picks.
    const panorama = edit("qwen-image-edit-plus", sized(3072, 384), null);
    expect(isUnaskedSize(panorama, sized(2048, 512))).toBe(false);
    expect(isUnaskedSize(panorama, sized(2064, 516))).toBe(true);
  });
});

describe("the notice of images of another size", () => {
  it("says which images, at what size, and what was asked; nothing when all fit", () => {
    const asked = generation(1440, 960);
    expect(unaskedSizeNotices(asked, [sized(1440, 960), sized(1440, 976)])).toEqual([]);
    expect(unaskedSizeNotices(asked, [sized(1, 1)])).toEqual(["The gateway's image is 1*1, not the 1440*960 asked for."]);
    expect(unaskedSizeNotices(asked, [sized(1, 1), sized(1, 1)])).toEqual(["The gateway's images are 1*1, not the 1440*960 asked for."]);
    expect(unaskedSizeNotices(asked, [sized(1440, 960), sized(1, 1), sized(2, 2)])).toEqual(["2 of the 3 images kept are 1*1, 2*2, not the 1440*960 asked for."]);
    expect(unaskedSizeNotices(edit("qwen-image-edit", sized(1000, 1000), null), [sized(1, 1)])).toEqual([
      "The gateway's image is 1*1, where following the input gives about 1024*1024.",
    ]);
  });
});

describe("a kept notice of images of another size", () => {
  it("is known by its sentence, whichever images and request wrote it, and no other notice is", () => {
    const asked = generation(1440, 960);
    const written = [
      ...unaskedSizeNotices(asked, [sized(1, 1)]),
      ...unaskedSizeNotices(asked, [sized(1, 1), sized(1, 1)]),
      ...unaskedSizeNotices(asked, [sized(1440, 960), sized(1, 1), sized(2, 2)]),
      ...unaskedSizeNotices(edit("qwen-image-edit", sized(1000, 1000), null), [sized(1, 1), sized(2, 2)]),
    ];
    expect(written).toHaveLength(4);
    for (const notice of written) expect(isUnaskedSizeNotice(notice), notice).toBe(true);
    for (const notice of ["The gateway returned 3 of the 4 images asked for.", "It was stopped after the gateway had answered: the images it billed are kept.", `${written[0] ?? ""} More.`]) {
      expect(isUnaskedSizeNotice(notice), notice).toBe(false);
    }
  });
});
