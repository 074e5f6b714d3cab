import { describe, expect, it } from "vitest";
import { en } from "../i18n/messages/en";
import { zh } from "../i18n/messages/zh";
import { FAMILY_MARKS } from "./registry";
import { watermarkHelp } from "./watermark-help";

describe("the watermark's help", () => {
  it("names the mark of the models chosen, from the registry", () => {
    expect(watermarkHelp(["qwen-image-max"], en.sets.watermarkHelp)).toBe("Adds the mark “Qwen-Image” at the bottom right.");
    expect(watermarkHelp(["wan2.6-t2i", "wan2.2-t2i-flash"], en.sets.watermarkHelp)).toBe("Adds the mark “AI generated” at the bottom right.");
    expect(watermarkHelp(["qwen-image", "wan2.6-t2i"], en.sets.watermarkHelp)).toBe("Adds a mark at the bottom right: “AI generated” on Wan, “Qwen-Image” on Qwen.");
  });

  it("names every family's mark while no model is chosen", () => {
    expect(watermarkHelp([], en.sets.watermarkHelp)).toBe("Adds a mark at the bottom right: “AI generated” on Wan, “Qwen-Image” on Qwen.");
  });

  it("says the same marks in Chinese, with Chinese punctuation", () => {
    expect(watermarkHelp(["qwen-image-max"], zh.sets.watermarkHelp)).toBe("在图片右下角添加“Qwen-Image”标识。");
    expect(watermarkHelp(["wan2.6-t2i", "qwen-image-max"], zh.sets.watermarkHelp)).toBe("在图片右下角添加标识：Wan 为“AI generated”，Qwen 为“Qwen-Image”。");
  });

  it("names in the generate and edit forms' fixed help exactly the registry's marks, as drawn, in every language", () => {
    // That help is written out, so the generate form (the first screen) carries no code to build it: this holds it to the registry.
    const marks = Object.values(FAMILY_MARKS).map(({ mark }) => mark);
    for (const { playground } of [en, zh]) expect([...playground.form.watermarkHelp.matchAll(/“([^”]*)”/g)].map(([, quoted]) => quoted).sort()).toEqual([...marks].sort());
  });
});
