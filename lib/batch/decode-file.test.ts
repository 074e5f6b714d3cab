import { describe, expect, it } from "vitest";
import { decodeCsvFile } from "./decode-file";

describe("a CSV file's text", () => {
  it("reads UTF-8, with or without its byte-order mark", () => {
    const text = "prompt\n雪中的狐狸\n";
    expect(decodeCsvFile(new TextEncoder().encode(text))).toBe(text);
    expect(decodeCsvFile(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toBe(text);
  });

  it("reads a Chinese Excel's CSV, saved as GB18030, as Chinese rather than replacement characters", () => {
    // "prompt\n雪中的狐狸\n" as GB18030 writes it.
    const bytes = new Uint8Array([112, 114, 111, 109, 112, 116, 10, 209, 169, 214, 208, 181, 196, 186, 252, 192, 234, 10]);
    expect(decodeCsvFile(bytes)).toBe("prompt\n雪中的狐狸\n");
  });
});
