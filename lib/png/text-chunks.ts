import { inflateSync } from "node:zlib";

export type PngTextEntry = { keyword: string; text: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// Length, type and CRC fields around every chunk's data.
const CHUNK_OVERHEAD = 12;
// The spec caps chunk lengths at 2^31 - 1 so they never read as negative in signed 32-bit readers.
const MAX_CHUNK_LENGTH = 0x7fffffff;

// Node 20 has no zlib.crc32, so the standard reflected table (polynomial 0xEDB88320) is built once here.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

type Chunk = { type: string; data: Buffer };

/** Walks every chunk up to IEND, checking each CRC, so callers only ever see a well-formed PNG. */
function readChunks(png: Buffer): { chunks: Chunk[]; iendOffset: number } {
  if (png.length < PNG_SIGNATURE.length || !png.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
    throw new Error("Not a PNG: the 8-byte PNG signature is missing");
  }
  const chunks: Chunk[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset < png.length) {
    if (offset + 8 > png.length) throw new Error(`Not a valid PNG: truncated chunk header at byte ${offset}`);
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    if (length > MAX_CHUNK_LENGTH) throw new Error(`Not a valid PNG: chunk ${JSON.stringify(type)} at byte ${offset} is too long`);
    const end = offset + CHUNK_OVERHEAD + length;
    if (end > png.length) throw new Error(`Not a valid PNG: chunk ${JSON.stringify(type)} at byte ${offset} is truncated`);
    const expected = png.readUInt32BE(offset + 8 + length);
    const actual = crc32(png.subarray(offset + 4, offset + 8 + length));
    if (expected !== actual) throw new Error(`Not a valid PNG: CRC mismatch in chunk ${JSON.stringify(type)} at byte ${offset}`);
    if (type === "IEND") return { chunks, iendOffset: offset };
    chunks.push({ type, data: png.subarray(offset + 8, offset + 8 + length) });
    offset = end;
  }
  throw new Error("Not a valid PNG: no IEND chunk");
}

function buildChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(CHUNK_OVERHEAD + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, "latin1");
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

// Latin-1 printable: 0x20-0x7E and 0xA1-0xFF (0xA0, the no-break space, is excluded by the PNG spec).
const KEYWORD_CHARS = /^[\x20-\x7e\xa1-\xff]+$/;

function assertKeyword(keyword: string): void {
  const shown = JSON.stringify(keyword);
  if (keyword.length < 1 || keyword.length > 79) {
    throw new Error(`PNG text keyword ${shown} must be 1-79 characters long`);
  }
  if (!KEYWORD_CHARS.test(keyword)) {
    throw new Error(`PNG text keyword ${shown} may only contain printable Latin-1 characters`);
  }
  if (keyword.startsWith(" ") || keyword.endsWith(" ") || keyword.includes("  ")) {
    throw new Error(`PNG text keyword ${shown} may not have leading, trailing or consecutive spaces`);
  }
}

function iTXtData({ keyword, text }: PngTextEntry): Buffer {
  assertKeyword(keyword);
  // Lone surrogates cannot be encoded as UTF-8; Buffer.from would silently swap in U+FFFD and lose the text.
  if (/\p{Cs}/u.test(text)) throw new Error(`PNG text for keyword ${JSON.stringify(keyword)} contains a lone surrogate`);
  return Buffer.concat([
    Buffer.from(keyword, "latin1"),
    // Null after the keyword, compression flag 0, method 0, then the null-terminated empty language tag and translated keyword.
    Buffer.from([0, 0, 0, 0, 0]),
    Buffer.from(text, "utf8"),
  ]);
}

/** Returns a copy of `png` with one uncompressed UTF-8 iTXt chunk per entry, placed just before IEND. */
export function addPngText(png: Buffer, entries: ReadonlyArray<PngTextEntry>): Buffer {
  const { iendOffset } = readChunks(png);
  const textChunks = entries.map((entry) => buildChunk("iTXt", iTXtData(entry)));
  return Buffer.concat([png.subarray(0, iendOffset), ...textChunks, png.subarray(iendOffset)]);
}

function splitAtNull(data: Buffer, from: number, type: string): [Buffer, number] {
  const nul = data.indexOf(0, from);
  if (nul === -1) throw new Error(`Malformed ${type} chunk: missing null separator`);
  return [data.subarray(from, nul), nul + 1];
}

function decodeTextChunk({ type, data }: Chunk): PngTextEntry | null {
  if (type === "tEXt") {
    const [keyword, rest] = splitAtNull(data, 0, type);
    return { keyword: keyword.toString("latin1"), text: data.toString("latin1", rest) };
  }
  if (type === "zTXt") {
    const [keyword, rest] = splitAtNull(data, 0, type);
    // Skip the compression-method byte; 0 (deflate) is the only one defined.
    return { keyword: keyword.toString("latin1"), text: inflateSync(data.subarray(rest + 1)).toString("latin1") };
  }
  if (type === "iTXt") {
    const [keyword, afterKeyword] = splitAtNull(data, 0, type);
    if (afterKeyword + 2 > data.length) throw new Error("Malformed iTXt chunk: truncated header");
    const compressed = data[afterKeyword] !== 0;
    const [, afterLanguage] = splitAtNull(data, afterKeyword + 2, type);
    const [, textStart] = splitAtNull(data, afterLanguage, type);
    const body = data.subarray(textStart);
    return { keyword: keyword.toString("latin1"), text: (compressed ? inflateSync(body) : body).toString("utf8") };
  }
  return null;
}

/** Reads every tEXt, zTXt and iTXt entry in file order. */
export function readPngText(png: Buffer): PngTextEntry[] {
  return readChunks(png).chunks.flatMap((chunk) => decodeTextChunk(chunk) ?? []);
}
