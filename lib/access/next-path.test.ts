import { describe, expect, it } from "vitest";
import { safeNextPath, signInPath } from "./next-path";

describe("the path to return to after signing in", () => {
  it("keeps paths on this site", () => {
    expect(safeNextPath("/share/abc")).toBe("/share/abc");
    expect(safeNextPath("/?open=comparison:1")).toBe("/?open=comparison:1");
  });

  it.each([null, undefined, "", "share", "//evil.example", "/\\evil.example", "https://evil.example/", "/a b", `/${"x".repeat(2000)}`])(
    "refuses %s",
    (value) => expect(safeNextPath(value)).toBe("/"),
  );

  it("links to the sign-in page with the way back", () => {
    expect(signInPath("/share/abc")).toBe("/sign-in?next=%2Fshare%2Fabc");
    expect(signInPath("/")).toBe("/sign-in");
  });
});
