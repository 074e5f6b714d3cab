import { describe, expect, it } from "vitest";
import { MESSAGES } from "../i18n/messages";
import { inputOrigin } from "./input-origin";

const upload = { id: "in1", width: 1200, height: 800, src: "/api/inputs/in1", thumbSrc: "/api/inputs/in1/thumb", from: null };
const taken = { ...upload, from: { generationId: "g", imageId: "i", prompt: "a lighthouse at dusk" } };

describe("an edit's input as its settings name it", () => {
  it("says an upload, a result by its prompt, and a result on a share's page without it, in either language", () => {
    const said = (locale: "en" | "zh") => [upload, taken, { ...upload, fromHistory: true }, { ...upload, fromHistory: false }].map((input) => inputOrigin(input, MESSAGES[locale].edit.card));
    expect(said("en")).toEqual(["1200*800, uploaded", "1200*800, a result of “a lighthouse at dusk”", "1200*800, a result from the history", "1200*800, uploaded"]);
    expect(said("zh")).toEqual(["1200*800，上传的图片", "1200*800，来自“a lighthouse at dusk”的结果", "1200*800，历史记录中的结果", "1200*800，上传的图片"]);
  });
});
