import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { zipLeftOut, zipRoom, zipStream, type ZipEntry } from "./zip-stream";

describe("what a zip without ZIP64 holds", () => {
  it("takes files while both the bytes and the count fit, and none after the first that does not", () => {
    const room = zipRoom({ bytes: 100, files: 3 });
    expect([room.take(60), room.take(30), room.take(20), room.take(1), room.take(0)]).toEqual([true, true, false, false, false]);
  });

  it("says which images are not in it, and why, in the interface's language", () => {
    const left = { gone: ["a.png"], unreadable: ["d.png"], over: ["b.png", "c.png"] };
    expect(zipLeftOut("en", { gone: [], unreadable: [], over: [] })).toEqual([]);
    expect(zipLeftOut("en", left)).toEqual([
      "1 image was deleted while this zip was written, so it is not in it: a.png.",
      "1 image could not be read from storage (damaged, or the storage failed), so it is not in it: d.png.",
      "2 more images are left out: a zip holds at most 4 GB and 65,000 files. Download the rest in smaller parts: b.png, c.png.",
    ]);
    expect(zipLeftOut("zh", left)).toEqual([
      "有 1 张图片在生成此 zip 时被删除，未包含在内：a.png。",
      "有 1 张图片无法从存储中读取（文件损坏或存储出错），未包含在内：d.png。",
      "另有 2 张图片未包含在内：一个 zip 最多容纳 4 GB 和 65,000 个文件。其余的请分成几次、每次少选一些下载：b.png, c.png。",
    ]);
  });
});

/** Names a person's prompt gives a zip's images: Chinese, and accented Latin. */
const NAMES = ["images/001_wan2.6-t2i_seed7_一只红色的狐狸在雪地里-a-red-fox-in-snow.png", "images/002_qwen-image_seed7_café-crème-à-paris.png"];

const zipOf = async (names: readonly string[]): Promise<Uint8Array> => {
  async function* entries(): AsyncGenerator<ZipEntry> {
    for (const name of names) yield { name, bytes: async () => new TextEncoder().encode(name) };
  }
  return new Uint8Array(await new Response(zipStream(entries())).arrayBuffer());
};

/** Each central directory record's "version made by" host, flags, external attributes and name (APPNOTE 4.3.12). */
const centralDirectory = (zip: Uint8Array) => {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.byteLength - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const records: Array<{ host: number; flags: number; attrs: number; name: string }> = [];
  let at = view.getUint32(end + 16, true);
  for (let count = view.getUint16(end + 10, true); count > 0; count -= 1) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    records.push({
      host: view.getUint8(at + 5),
      flags: view.getUint16(at + 8, true),
      attrs: view.getUint32(at + 38, true),
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return records;
};

describe("a zip's file names, as unzippers read them", () => {
  it("says each file was made on Unix, a regular file readable by all, its name UTF-8", async () => {
    const records = centralDirectory(await zipOf(NAMES));
    expect(records.map((record) => record.name)).toEqual(NAMES);
    for (const record of records) {
      // Host 0 (MS-DOS) has Info-ZIP read the names in a DOS code page, the UTF-8 flag notwithstanding.
      expect(record.host).toBe(3);
      expect(record.flags & 0x800).toBe(0x800);
      expect((record.attrs >>> 16).toString(8)).toBe("100644");
    }
  });

  const unzip = promisify(execFile);
  const hasUnzip = spawnSync("unzip", ["-v"]).status === 0;
  if (!hasUnzip) console.warn("Skipped: Info-ZIP unzip is not installed (.ci/run installs it), so a zip's names are not read back by it.");

  it.skipIf(!hasUnzip)("come back whole from Info-ZIP's unzip on Linux, Chinese and accented alike", async () => {
    const dir = await mkdtemp(join(tmpdir(), "zip-names-"));
    try {
      await writeFile(join(dir, "set.zip"), await zipOf(NAMES));
      const { stdout } = await unzip("unzip", ["-Z1", join(dir, "set.zip")], { env: { ...process.env, LC_ALL: "C.UTF-8" } });
      expect(stdout.split("\n").filter(Boolean)).toEqual(NAMES);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
