import { describe, expect, it } from "vitest";
import { format, plural } from "./format";
import { MESSAGES } from "./messages";

describe("messages", () => {
  it("fill their placeholders and leave unknown ones alone", () => {
    expect(format("{count} of {total} images left", { count: 3, total: 10 })).toBe("3 of 10 images left");
    expect(format("Hello {name}")).toBe("Hello {name}");
  });

  it("take the plural form the language uses", () => {
    const images = { one: "{count} image today", other: "{count} images today" };
    expect(plural("en", images, 1)).toBe("1 image today");
    expect(plural("en", images, 0)).toBe("0 images today");
    expect(plural("zh", { one: "今天 {count} 张", other: "今天 {count} 张" }, 1)).toBe("今天 1 张");
  });

  it("count a selection, and a saved list's items, in the form their number takes", () => {
    const { en, zh } = MESSAGES;
    expect(plural("en", en.history.selection.shareTitle, 1)).toBe("1 selected item");
    expect(plural("en", en.history.selection.shareTitle, 3)).toBe("3 selected items");
    expect(plural("zh", zh.history.selection.shareTitle, 1)).toBe("已选的 1 项");
    expect(plural("en", en.grid.form.replaceListQuestion, 1, { name: "moods" })).toBe("__moods__ already holds 1 item for everyone who uses this playground. Replace it with these?");
    expect(plural("zh", zh.grid.form.replaceListQuestion, 2, { name: "moods" })).toBe("__moods__ 已为所有使用本站的人保存了 2 项。要用这些替换吗？");
  });

  it("end the slider's caption as a sentence before the note on a differently shaped input", () => {
    const { en, zh } = MESSAGES;
    const shapes = { input: "15:2", result: "4:1" };
    expect(format(en.edit.card.shapeNote, { slider: en.edit.card.slider, ...shapes })).toBe(
      "Drag across the picture to compare before and after. The input (15:2) is shown whole inside the result's 4:1 frame.",
    );
    expect(format(zh.edit.card.shapeNote, { slider: format(zh.edit.card.sliderOf, { index: 2, count: 3 }), ...shapes })).toBe(
      "在第 2 张图片（共 3 张）上拖动，比较编辑前后。输入图片（15:2）完整显示在结果的 4:1 画框内。",
    );
  });
});
