import { describe, expect, it } from "vitest";
import { errorText } from "./error-text";

describe("an error as a log line", () => {
  it("says each address's failure of a connection that failed on all of them, where Node's own message is empty", () => {
    const refused = (address: string) => Object.assign(new Error(`connect ECONNREFUSED ${address}:5432`), { code: "ECONNREFUSED" });
    expect(errorText(new AggregateError([refused("::1"), refused("127.0.0.1")]))).toBe("connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432");
    expect(errorText(new AggregateError([refused("::1")], "All attempts failed"))).toBe("All attempts failed: connect ECONNREFUSED ::1:5432");
  });

  it("says a plain error's message, else its code or name, and anything else as text", () => {
    expect(errorText(new Error("boom"))).toBe("boom");
    expect(errorText(Object.assign(new Error(""), { code: "ETIMEDOUT" }))).toBe("ETIMEDOUT");
    expect(errorText(new TypeError(""))).toBe("TypeError");
    expect(errorText("plain")).toBe("plain");
  });
});
