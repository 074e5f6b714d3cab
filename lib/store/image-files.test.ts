import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createImageFiles } from "./image-files";
import type { ImageStore } from "./types";

/** The image folder on real files in a temporary folder. */

let root: string;
let dir: string;
let files: ImageStore;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "image-files-"));
  dir = join(root, "images");
  files = await createImageFiles(dir);
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const full = (label: string) => Buffer.from(`full image bytes: ${label}`);
const thumb = (label: string) => Buffer.from(`thumbnail bytes: ${label}`);

describe("image files", () => {
  it("creates its folder", () => {
    expect(existsSync(dir)).toBe(true);
  });

  it("reads back both variants after a put", async () => {
    const id = randomUUID();
    await files.put(id, full("a"), thumb("a"));
    expect(await files.read(id, "full")).toEqual(full("a"));
    expect(await files.read(id, "thumb")).toEqual(thumb("a"));
  });

  it("leaves nothing of an image whose thumbnail could not be written", async () => {
    const id = randomUUID();
    // A folder where the thumbnail's file would go: the rename onto it fails.
    mkdirSync(join(dir, `${id}.thumb.webp`, "in-the-way"), { recursive: true });
    await expect(files.put(id, full("a"), thumb("a"))).rejects.toThrow();
    expect(await files.read(id, "full")).toBeNull();
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp") || name.endsWith(".img"))).toEqual([]);
  });

  it("replaces the files when the same id is put again", async () => {
    const id = randomUUID();
    await files.put(id, full("old"), thumb("old"));
    await files.put(id, full("new"), thumb("new"));
    expect(await files.read(id, "full")).toEqual(full("new"));
    expect(await files.read(id, "thumb")).toEqual(thumb("new"));
  });

  it("leaves no temporary file behind after a put", async () => {
    const id = randomUUID();
    await files.put(id, full("a"), thumb("a"));
    expect(readdirSync(dir).sort()).toEqual([`${id}.img`, `${id}.thumb.webp`]);
  });

  it("removes both variants, and removing again is harmless", async () => {
    const id = randomUUID();
    const other = randomUUID();
    await files.put(id, full("a"), thumb("a"));
    await files.put(other, full("b"), thumb("b"));
    await files.remove(id);
    expect(await files.read(id, "full")).toBeNull();
    expect(await files.read(id, "thumb")).toBeNull();
    expect(await files.read(other, "full")).toEqual(full("b"));
    await expect(files.remove(id)).resolves.toBeUndefined();
  });

  it("returns null when reading an id that has no files", async () => {
    expect(await files.read(randomUUID(), "full")).toBeNull();
    expect(await files.read(randomUUID(), "thumb")).toBeNull();
  });

  it.each(["../../etc/passwd", "", "..", "short", "a/b/c/d/e/f/g/h", "abcdefgh.img", "abcdefgh\0xyz", "x".repeat(65)])(
    "never reads or writes outside the folder for the id %j",
    async (id) => {
      expect(await files.read(id, "full")).toBeNull();
      expect(await files.read(id, "thumb")).toBeNull();
      await expect(files.put(id, full("evil"), thumb("evil"))).rejects.toThrow(/not an image id/);
      expect(readdirSync(root)).toEqual(["images"]);
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it("sweeps files whose id is not kept, and leftover temporary files, and keeps the others", async () => {
    const kept = randomUUID();
    const alsoKept = randomUUID();
    const orphan = randomUUID();
    await files.put(kept, full("kept"), thumb("kept"));
    await files.put(alsoKept, full("also"), thumb("also"));
    await files.put(orphan, full("orphan"), thumb("orphan"));
    // What a crash in the middle of a put leaves: a half-written temporary file, even for a kept id.
    writeFileSync(join(dir, `${kept}.img.0123456789ab.tmp`), "half");
    writeFileSync(join(dir, `${randomUUID()}.thumb.webp.ba9876543210.tmp`), "half");

    expect(await files.sweep(new Set([kept, alsoKept]), Date.now() + 1_000)).toBe(4);
    expect(readdirSync(dir).sort()).toEqual([`${alsoKept}.img`, `${alsoKept}.thumb.webp`, `${kept}.img`, `${kept}.thumb.webp`].sort());
    expect(await files.read(kept, "full")).toEqual(full("kept"));
    expect(await files.read(alsoKept, "thumb")).toEqual(thumb("also"));
    expect(await files.read(orphan, "full")).toBeNull();

    expect(await files.sweep(new Set([kept, alsoKept]), Date.now() + 1_000)).toBe(0);
  });

  it("sweeps everything when nothing is kept, and nothing in an empty folder", async () => {
    expect(await files.sweep(new Set(), Date.now() + 1_000)).toBe(0);
    await files.put(randomUUID(), full("a"), thumb("a"));
    expect(await files.sweep(new Set(), Date.now() + 1_000)).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("leaves what was written since `before`: it may be about to get its record", async () => {
    const id = randomUUID();
    await files.put(id, full("new"), thumb("new"));
    expect(await files.sweep(new Set(), Date.now() - 60_000)).toBe(0);
    expect(await files.read(id, "full")).toEqual(full("new"));
  });

  it("streams what it reads, with its length, and nothing for an unknown id", async () => {
    const id = randomUUID();
    await files.put(id, full("streamed"), thumb("streamed"));
    const opened = await files.stream(id, "full");
    expect(opened?.length).toBe(full("streamed").length);
    expect(Buffer.from(await new Response(opened?.body).arrayBuffer())).toEqual(full("streamed"));
    expect(await files.stream(randomUUID(), "thumb")).toBeNull();
    expect(await files.stream("../etc/passwd", "full")).toBeNull();
  });
});
