import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { recordUpload } from "../lib/edit/record-input";
import { toDataUri } from "../lib/edit/input-image";
import { openStorage } from "../lib/history/storage";
import { kb, median, ms, table } from "./stats";

/**
 * What an edit's input costs the server before the gateway is called: the check from its bytes (type, size,
 * a whole decode), turning it upright without metadata, its hash, its thumbnail and two durable file writes
 * (`POST /api/inputs` minus HTTP), and the size of the data URI the edit then sends. Each run uploads a new
 * picture, so the "same bytes twice" shortcut never answers instead.
 */

const RUNS = 7;

type Case = { readonly name: string; readonly make: (variant: number) => Promise<Buffer> };

/**
 * A photo-like picture: a gradient with texture, which compresses the way a photo does rather than to nothing.
 * `grain` is the texture's strength: a camera's photo has more than a model's smooth output.
 */
const photo = (width: number, height: number, variant: number, grain = 18) =>
  sharp({ create: { width, height, channels: 3, background: { r: 40 + variant, g: 90, b: 160 }, noise: { type: "gaussian", mean: 120 + variant, sigma: grain } } })
    .composite([
      {
        input: Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="#1d4ed8" stop-opacity="0.7"/><stop offset="1" stop-color="#f59e0b" stop-opacity="0.7"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${30 + variant}%" cy="40%" r="20%" fill="#fde68a" fill-opacity="0.6"/></svg>`,
        ),
      },
    ]);

const CASES: readonly Case[] = [
  { name: "JPEG 2048*1536 (a photo as the browser sends it)", make: (v) => photo(2048, 1536, v).jpeg({ quality: 92 }).toBuffer() },
  { name: "JPEG 2048*1536, EXIF orientation 6 (a phone held sideways)", make: (v) => photo(2048, 1536, v).jpeg({ quality: 92 }).withMetadata({ orientation: 6 }).toBuffer() },
  { name: "PNG 1024*1024 (a screenshot-sized picture)", make: (v) => photo(1024, 1024, v).png().toBuffer() },
  // With a camera's grain this PNG would pass 10 MB, which the browser never sends and the server refuses.
  { name: "PNG 2048*2048 (a result of the largest size)", make: (v) => photo(2048, 2048, v, 3).png().toBuffer() },
  { name: "JPEG 3072*2304 (the largest input the models take)", make: (v) => photo(3072, 2304, v).jpeg({ quality: 92 }).toBuffer() },
];

export const benchEditInputs = async (): Promise<string> => {
  const dir = mkdtempSync(join(tmpdir(), "bench-inputs-"));
  try {
    const storage = await openStorage(dir);
    const rows: Array<Array<string | number>> = [];
    for (const item of CASES) {
      const files = await Promise.all(Array.from({ length: RUNS }, (_, variant) => item.make(variant)));
      const times: number[] = [];
      let stored = 0;
      let uri = 0;
      for (const file of files) {
        const started = performance.now();
        const input = await recordUpload({ ...storage, maxInputBytes: Number.POSITIVE_INFINITY, maxClientInputBytes: Number.POSITIVE_INFINITY }, { key: "bench", by: "address" }, file);
        times.push(performance.now() - started);
        const bytes = await storage.images.read(input.id, "full");
        stored = bytes?.length ?? 0;
        uri = bytes ? toDataUri({ mime: (await storage.store.input(input.id))?.mime ?? "", bytes }).length : 0;
      }
      rows.push([item.name, kb(median(files.map((file) => file.length))), kb(stored), kb(uri), ms(median(times)), ms(Math.max(...times))]);
    }
    await storage.store.close();
    return [
      "### An edit's input image on the server",
      "",
      `\`recordUpload\` (what \`POST /api/inputs\` does after reading the body): the type from the bytes, a whole decode, upright without metadata, its hash, a 480 px WebP thumbnail and two files written with fsync; then the \`data:\` URI an edit sends to the gateway. Median and slowest of ${RUNS} different pictures per row.`,
      "",
      table(["input", "file", "kept", "data URI sent", "check and keep p50", "slowest"], rows),
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
