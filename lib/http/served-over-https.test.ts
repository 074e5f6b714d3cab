import { describe, expect, it } from "vitest";
import { servedOverHttps } from "./served-over-https";

describe("servedOverHttps", () => {
  const at = (url: string, proto?: string) => new Request(url, proto === undefined ? {} : { headers: { "x-forwarded-proto": proto } });

  it("is the request's own scheme, or the first proxy's word on it", () => {
    expect(servedOverHttps(at("https://play.example.com/api/session"))).toBe(true);
    expect(servedOverHttps(at("http://localhost:3000/api/session"))).toBe(false);
    expect(servedOverHttps(at("http://10.0.0.5:3000/vote/x", "https"))).toBe(true);
    expect(servedOverHttps(at("http://10.0.0.5:3000/vote/x", "HTTPS"))).toBe(true);
    expect(servedOverHttps(at("http://10.0.0.5:3000/vote/x", "https, http"))).toBe(true);
    expect(servedOverHttps(at("http://10.0.0.5:3000/vote/x", "http"))).toBe(false);
  });
});
