import { describe, expect, it } from "vitest";
import { NO_INPUT } from "./edit-defaults";
import { keptInput } from "./kept-input";

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
