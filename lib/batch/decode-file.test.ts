import { describe, expect, it } from "vitest";
import { decodeCsvFile } from "./decode-file";

describe("a CSV file's text", () => {
  it("reads UTF-8, with or without its byte-order mark", () => {
    const text = "prompt\n雪中的狐狸\n";
    expect(decodeCsvFile(new TextEncoder().encode(text))).toEqual({ text, encoding: "utf-8" });
    expect(decodeCsvFile(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ text, encoding: "utf-8" });
  });

  it("reads a Chinese Excel's CSV, saved as GB18030, as Chinese rather than replacement characters", () => {
    // "prompt\n雪中的狐狸\n" as GB18030 writes it.
    const bytes = new Uint8Array([112, 114, 111, 109, 112, 116, 10, 209, 169, 214, 208, 181, 196, 186, 252, 192, 234, 10]);
    expect(decodeCsvFile(bytes)).toEqual({ text: "prompt\n雪中的狐狸\n", encoding: "gb18030" });
  });

  it("reads a Western Excel's CSV, saved as Windows-1252, with its accented letters rather than Chinese ones", () => {
    // "prompt\r\nCrème brûlée on a café table\r\n" as Windows-1252 writes it.
    const text = "prompt\r\nCrème brûlée on a café table\r\n";
    const bytes = new Uint8Array([...text].map((character) => ({ è: 0xe8, û: 0xfb, é: 0xe9 })[character] ?? character.charCodeAt(0)));
    expect(decodeCsvFile(bytes)).toEqual({ text, encoding: "windows-1252" });
  });

  it("reads Western letters that come in pairs (Portuguese, German) as Windows-1252 too", () => {
    const text = "prompt\r\nDecoração de Natal, iluminação suave\r\nGrüße aus München, süß\r\n";
    const bytes = new Uint8Array([...text].map((character) => ({ ç: 0xe7, ã: 0xe3, ü: 0xfc, ß: 0xdf })[character] ?? character.charCodeAt(0)));
    expect(decodeCsvFile(bytes)).toEqual({ text, encoding: "windows-1252" });
  });

  it("reads a mostly English CSV with a few Chinese words as GB18030", () => {
    // "prompt\nA red fox, 狐狸, in snow\n": the two characters as GB18030 writes them.
    const bytes = new Uint8Array([...new TextEncoder().encode("prompt\nA red fox, "), 0xba, 0xfc, 0xc0, 0xea, ...new TextEncoder().encode(", in snow\n")]);
    expect(decodeCsvFile(bytes)).toEqual({ text: "prompt\nA red fox, 狐狸, in snow\n", encoding: "gb18030" });
  });

  it("reads UTF-16 by its byte-order mark, either way round", () => {
    const text = "prompt\nA fox · 狐狸\n";
    const units = [...text].map((character) => character.charCodeAt(0));
    const little = new Uint8Array([0xff, 0xfe, ...units.flatMap((unit) => [unit & 0xff, unit >> 8])]);
    const big = new Uint8Array([0xfe, 0xff, ...units.flatMap((unit) => [unit >> 8, unit & 0xff])]);
    expect(decodeCsvFile(little)).toEqual({ text, encoding: "utf-16le" });
    expect(decodeCsvFile(big)).toEqual({ text, encoding: "utf-16be" });
  });
});
