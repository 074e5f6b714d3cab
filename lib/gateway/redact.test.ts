import { describe, expect, it } from "vitest";
import { redact } from "./redact";

describe("redact", () => {
  it("removes the key, bearer tokens and key-shaped strings", () => {
    expect(redact("key=my-secret-key!", ["my-secret-key"])).toBe("key=[redacted]!");
    expect(redact('{"authorization":"Bearer abc.def"}')).toBe('{"authorization":"Bearer [redacted]"}');
    expect(redact("used sk-1234567890abcdef today")).toBe("used [redacted] today");
    expect(redact("nothing secret")).toBe("nothing secret");
  });
});
