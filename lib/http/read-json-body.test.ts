import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { NUL_REFUSED, readJsonBody } from "./read-json-body";

const post = (body: BodyInit, type = "application/json", headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/generate", { method: "POST", body, headers: { "content-type": type, ...headers } });

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return (error as AppError).code;
  }
};

describe("reading a JSON body", () => {
  it("parses JSON within the cap", async () => {
    expect(await readJsonBody(post('{"a":"猫"}', "application/json; charset=utf-8"), 100)).toEqual({ a: "猫" });
  });

  it("refuses other content types, bad JSON and bodies over the cap", async () => {
    expect(await codeOf(readJsonBody(post("{}", "text/plain"), 100))).toBe("unsupported_media_type");
    expect(await codeOf(readJsonBody(post("{nope"), 100))).toBe("invalid_request");
    expect(await codeOf(readJsonBody(post(JSON.stringify({ a: "x".repeat(200) })), 100))).toBe("payload_too_large");
  });

  it("refuses a NUL anywhere in the text (a value or a key, however deep), and not the six characters that spell one", async () => {
    await expect(readJsonBody(post(JSON.stringify({ prompt: "a\u0000b" })), 100)).rejects.toMatchObject({ code: "invalid_request", message: NUL_REFUSED });
    await expect(readJsonBody(post(JSON.stringify({ entries: [{ id: ["x", "\u0000"] }] })), 100)).rejects.toMatchObject({ message: NUL_REFUSED });
    await expect(readJsonBody(post(JSON.stringify({ "a\u0000": 1 })), 100)).rejects.toMatchObject({ message: NUL_REFUSED });
    expect(await readJsonBody(post(JSON.stringify({ prompt: "\\u0000 typed out" })), 100)).toEqual({ prompt: "\\u0000 typed out" });
  });

  it("stops reading an endless body at the cap, whatever its declared length", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024).fill(32));
      },
    });
    const request = new Request("http://localhost/", {
      method: "POST",
      body: endless,
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    expect(await codeOf(readJsonBody(request, 10_000))).toBe("payload_too_large");
    expect(pulled).toBeLessThan(20);
  });
});
