import { describe, expect, it } from "vitest";
import { localeCookie, pickLocale } from "./locale";

describe("the interface language", () => {
  it("is the one chosen before, whatever the browser says", () => {
    expect(pickLocale("zh", "en-US,en;q=0.9")).toBe("zh");
    expect(pickLocale("en", "zh-CN")).toBe("en");
  });

  it("otherwise follows the browser's first language the interface has", () => {
    expect(pickLocale(undefined, "zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(pickLocale(undefined, "zh-TW")).toBe("zh");
    expect(pickLocale(undefined, "fr-FR,fr;q=0.9,zh;q=0.8,en;q=0.7")).toBe("zh");
    expect(pickLocale(undefined, "en;q=0.5, zh;q=0.9")).toBe("zh");
    expect(pickLocale(undefined, "de, ja")).toBe("en");
    expect(pickLocale("klingon", "zh;q=0")).toBe("en");
    expect(pickLocale(null, null)).toBe("en");
  });

  it("is remembered for a year", () => {
    expect(localeCookie("zh")).toBe("lang=zh; Path=/; Max-Age=31536000; SameSite=Lax");
  });
});
