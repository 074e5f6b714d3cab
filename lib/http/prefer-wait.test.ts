import { describe, expect, it } from "vitest";
import { preferredWait } from "./prefer-wait";

describe("Prefer: wait", () => {
  it.each([
    [null, null],
    ["", null],
    ["respond-async", null],
    ["wait=10", 10],
    ["respond-async, wait=5", 5],
    ["WAIT = \"7\"", 7],
    ["wait=0", 0],
    ["wait=999999", 60],
    ["wait=-1", null],
    ["wait=abc", null],
    ["handling=strict; wait=3", null],
  ])("%j asks to wait %j seconds", (header, seconds) => expect(preferredWait(header)).toBe(seconds));
});
