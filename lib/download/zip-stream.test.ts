import { describe, expect, it } from "vitest";
import { zipLeftOut, zipRoom } from "./zip-stream";

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
