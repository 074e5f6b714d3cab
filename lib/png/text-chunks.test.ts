import { deflateSync } from "node:zlib";
import fc from "fast-check";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { addPngText, crc32, readPngText } from "./text-chunks";

let png: Buffer;

beforeAll(async () => {
  png = await sharp({ create: { width: 3, height: 2, channels: 3, background: "#336699" } }).png().toBuffer();
});

// Written independently of the module so reading is tested against chunks it did not produce.
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function insertBeforeIend(source: Buffer, ...chunks: Buffer[]): Buffer {
  const iend = source.length - 12;
  return Buffer.concat([source.subarray(0, iend), ...chunks, source.subarray(iend)]);
}

describe("crc32", () => {
  it("matches the CRC stored in every PNG's IEND chunk", () => {
    expect(crc32(Buffer.from("IEND", "latin1"))).toBe(0xae426082);
    expect(png.readUInt32BE(png.length - 4)).toBe(0xae426082);
  });

  it("matches the standard CRC-32 check value", () => {
    expect(crc32(Buffer.from("123456789", "latin1"))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe("addPngText / readPngText", () => {
  it("round-trips English text", () => {
    const entries = [{ keyword: "prompt", text: "a kitten running on grass" }];
    expect(readPngText(addPngText(png, entries))).toEqual(entries);
  });

  it("round-trips Chinese text as UTF-8", () => {
    const entries = [{ keyword: "prompt", text: "岳阳楼记, 青花瓷" }];
    const out = addPngText(png, entries);
    expect(readPngText(out)).toEqual(entries);
    expect(out.includes(Buffer.from("岳阳楼记, 青花瓷", "utf8"))).toBe(true);
  });

  it("round-trips JSON as text", () => {
    const parameters = { model: "wan2.6-t2i", seed: 42, size: "1328*1328", prompt: "青花瓷 \"quoted\"\nnew line" };
    const [entry] = readPngText(addPngText(png, [{ keyword: "parameters", text: JSON.stringify(parameters) }]));
    expect(JSON.parse(entry?.text ?? "")).toEqual(parameters);
  });

  it("keeps several entries in order, including an empty text", () => {
    const entries = [
      { keyword: "Title", text: "one" },
      { keyword: "Description", text: "" },
      { keyword: "Software", text: "onetoken image playground" },
    ];
    expect(readPngText(addPngText(png, entries))).toEqual(entries);
  });

  it("writes the documented uncompressed iTXt layout right before IEND", () => {
    const out = addPngText(png, [{ keyword: "k", text: "é" }]);
    const iend = png.subarray(png.length - 12);
    const expectedChunk = chunk("iTXt", Buffer.from([0x6b, 0, 0, 0, 0, 0, 0xc3, 0xa9]));
    expect(out).toEqual(Buffer.concat([png.subarray(0, png.length - 12), expectedChunk, iend]));
  });

  it("returns a copy and leaves the input untouched", () => {
    const before = Buffer.from(png);
    const out = addPngText(png, []);
    expect(out).toEqual(png);
    expect(out).not.toBe(png);
    addPngText(png, [{ keyword: "prompt", text: "x" }]);
    expect(png).toEqual(before);
  });

  it("produces a PNG sharp still decodes to the same pixels", async () => {
    const out = addPngText(png, [
      { keyword: "prompt", text: "岳阳楼记, 青花瓷" },
      { keyword: "parameters", text: JSON.stringify({ seed: 7 }) },
    ]);
    const [inMeta, outMeta] = await Promise.all([sharp(png).metadata(), sharp(out).metadata()]);
    expect({ width: outMeta.width, height: outMeta.height }).toEqual({ width: inMeta.width, height: inMeta.height });
    const [inPixels, outPixels] = await Promise.all([sharp(png).raw().toBuffer(), sharp(out).raw().toBuffer()]);
    expect(outPixels).toEqual(inPixels);
  });

  it("reads tEXt, zTXt and compressed iTXt written by others, in file order", () => {
    const withText = insertBeforeIend(
      png,
      chunk("tEXt", Buffer.from("Comment\0caf\xe9", "latin1")),
      chunk("zTXt", Buffer.concat([Buffer.from("Author\0\0", "latin1"), deflateSync(Buffer.from("Zoë", "latin1"))])),
      chunk("iTXt", Buffer.concat([Buffer.from("prompt\0\x01\0zh\0提示\0", "utf8"), deflateSync(Buffer.from("青花瓷", "utf8"))])),
    );
    const out = addPngText(withText, [{ keyword: "Title", text: "last" }]);
    expect(readPngText(out)).toEqual([
      { keyword: "Comment", text: "café" },
      { keyword: "Author", text: "Zoë" },
      { keyword: "prompt", text: "青花瓷" },
      { keyword: "Title", text: "last" },
    ]);
  });

  it("returns no entries for a PNG without text", () => {
    expect(readPngText(png)).toEqual([]);
  });
});

describe("invalid PNGs", () => {
  it("rejects a missing signature", () => {
    expect(() => addPngText(Buffer.from("not a png at all"), [])).toThrow(/signature/);
    expect(() => readPngText(Buffer.alloc(0))).toThrow(/signature/);
    expect(() => readPngText(png.subarray(1))).toThrow(/signature/);
  });

  it("rejects a PNG without IEND", () => {
    expect(() => addPngText(png.subarray(0, png.length - 12), [])).toThrow(/no IEND/);
  });

  it("rejects truncated chunks", () => {
    expect(() => addPngText(png.subarray(0, png.length - 1), [])).toThrow(/truncated/);
    expect(() => readPngText(png.subarray(0, 12))).toThrow(/truncated/);
  });

  it("rejects a chunk whose CRC does not match", () => {
    const corrupt = Buffer.from(png);
    // Byte 16 is inside IHDR's data (the width), covered by its CRC.
    corrupt[16] = (corrupt[16] ?? 0) ^ 0xff;
    expect(() => addPngText(corrupt, [])).toThrow(/CRC mismatch in chunk "IHDR"/);
  });

  it("notices corruption inside an added text chunk", () => {
    const out = addPngText(png, [{ keyword: "prompt", text: "hello" }]);
    const at = out.indexOf("hello");
    out[at] = 0x4a;
    expect(() => readPngText(out)).toThrow(/CRC mismatch in chunk "iTXt"/);
  });
});

describe("invalid entries", () => {
  it.each([
    ["empty", ""],
    ["80 characters", "k".repeat(80)],
    ["a leading space", " prompt"],
    ["a trailing space", "prompt "],
    ["double spaces", "my  prompt"],
    ["non-Latin-1 characters", "提示"],
    ["a control character", "pro\nmpt"],
    ["a null", "pro\0mpt"],
    ["a no-break space", "my\u00a0prompt"],
  ])("rejects a keyword with %s", (_, keyword) => {
    expect(() => addPngText(png, [{ keyword, text: "x" }])).toThrow(/keyword/);
  });

  it("accepts 79-character and Latin-1 keywords", () => {
    const entries = [
      { keyword: "k".repeat(79), text: "x" },
      { keyword: "Beschreibung für Größe", text: "y" },
    ];
    expect(readPngText(addPngText(png, entries))).toEqual(entries);
  });

  it("rejects text with a lone surrogate instead of silently mangling it", () => {
    expect(() => addPngText(png, [{ keyword: "prompt", text: "bad \ud800 half" }])).toThrow(/lone surrogate/);
  });
});

const latin1Printable = [
  ...Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i)),
  ...Array.from({ length: 0xff - 0xa1 + 1 }, (_, i) => String.fromCharCode(0xa1 + i)),
];
const keywordArb = fc
  .string({ unit: fc.constantFrom(...latin1Printable), minLength: 1, maxLength: 79 })
  .filter((k) => !k.startsWith(" ") && !k.endsWith(" ") && !k.includes("  "));
const entryArb = fc.record({ keyword: keywordArb, text: fc.string({ unit: "binary", maxLength: 200 }) });

describe("properties", () => {
  it("reading back what was added ends with exactly the added entries", () => {
    const base = addPngText(png, [{ keyword: "Software", text: "existing" }]);
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 4 }), (entries) => {
        const read = readPngText(addPngText(base, entries));
        expect(read).toHaveLength(entries.length + 1);
        expect(read.slice(1)).toEqual(entries);
      }),
    );
  });
});
