import { describe, expect, it } from "vitest";
import { parseTheme, themeCookie } from "./theme";

describe("theme", () => {
  it("reads a known theme and falls back to the system's", () => {
    expect(parseTheme("dark")).toBe("dark");
    expect(parseTheme("light")).toBe("light");
    expect(parseTheme("neon")).toBe("system");
    expect(parseTheme(undefined)).toBe("system");
  });

  it("is remembered for a year across the site", () => {
    expect(themeCookie("dark")).toBe("theme=dark; Path=/; Max-Age=31536000; SameSite=Lax");
  });
});
