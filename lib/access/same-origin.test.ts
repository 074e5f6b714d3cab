import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { checkSameOrigin } from "./gate";

const request = (headers: Record<string, string>) =>
  new Request("http://playground.test/api/generations", { method: "POST", headers: { host: "playground.test", ...headers } });

const verdict = (headers: Record<string, string>) => {
  try {
    checkSameOrigin(request(headers));
    return "allowed";
  } catch (error) {
    return (error as AppError).code;
  }
};

describe("same-origin check on state-changing requests", () => {
  it("allows this site and clients that are not browsers", () => {
    expect(verdict({ "sec-fetch-site": "same-origin" })).toBe("allowed");
    expect(verdict({ origin: "http://playground.test" })).toBe("allowed");
    expect(verdict({})).toBe("allowed");
  });

  it("refuses other sites, by either header", () => {
    expect(verdict({ "sec-fetch-site": "cross-site" })).toBe("forbidden");
    expect(verdict({ "sec-fetch-site": "same-site" })).toBe("forbidden");
    expect(verdict({ origin: "http://evil.test" })).toBe("forbidden");
    expect(verdict({ origin: "null" })).toBe("forbidden");
    expect(verdict({ "sec-fetch-site": "cross-site", origin: "http://playground.test" })).toBe("forbidden");
  });
});
