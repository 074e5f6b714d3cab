import { describe, expect, it } from "vitest";
import { NO_INPUT } from "./edit-defaults";
import { defaultEdit } from "./edit-defaults";
import { isKeptEdit, keptInput } from "./kept-input";

const view = { id: "in-1", width: 1200, height: 800, src: "/api/inputs/in-1", thumbSrc: "/api/inputs/in-1/thumb", from: null };
const input = { id: "in-1", width: 1200, height: 800 };

describe("the input picture kept with an edit draft", () => {
  it("is the picture the form's input names, or none when it names none", () => {
    expect(keptInput(input, view)).toEqual({ ok: true, view });
    const taken = { ...view, from: { generationId: "g", imageId: "i", prompt: "a cat" } };
    expect(keptInput(input, taken)).toEqual({ ok: true, view: taken });
    expect(keptInput(NO_INPUT, null)).toEqual({ ok: true, view: null });
  });

  it("is refused when it is not the picture the input names, or not a picture's description", () => {
    for (const kept of [
      null,
      { ...view, id: "in-2" },
      { ...view, width: 1000 },
      { ...view, src: 3 },
      { ...view, thumbSrc: undefined },
      { ...view, from: { generationId: "g" } },
      { ...view, from: "g" },
      "in-1",
    ])
      expect(keptInput(input, kept).ok, JSON.stringify(kept)).toBe(false);
    expect(keptInput(NO_INPUT, view).ok).toBe(false);
  });
});

describe("an edit form's draft read back", () => {
  const edit = { ...defaultEdit(), input, prompt: "a night scene" };
  it("is taken with an editing model, no size or a width and height, and its input's picture", () => {
    expect(isKeptEdit(edit, view)).toBe(true);
    expect(isKeptEdit({ ...edit, size: { width: 1024, height: 768 } }, view)).toBe(true);
    expect(isKeptEdit({ ...defaultEdit(), prompt: "no picture yet" }, null)).toBe(true);
  });
  it("is refused with a model that does not edit, a size that is no size, or a picture that is not its input's", () => {
    expect(isKeptEdit({ ...edit, model: "wan2.6-t2i" as never }, view)).toBe(false);
    expect(isKeptEdit({ ...edit, size: { width: 1024 } as never }, view)).toBe(false);
    expect(isKeptEdit({ ...edit, size: { width: 1024, height: 768, depth: 1 } as never }, view)).toBe(false);
    expect(isKeptEdit(edit, null)).toBe(false);
    expect(isKeptEdit({ ...edit, seed: { width: 1 } as never }, view)).toBe(false);
  });
});
