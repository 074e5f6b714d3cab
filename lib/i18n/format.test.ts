import { describe, expect, it } from "vitest";
import { format, plural } from "./format";

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
});
