import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { join } from "node:path";
import { settleBoth } from "./settle-both";
import type { ImageStore } from "./types";

const ID = /^[A-Za-z0-9-]{8,64}$/;
const SUFFIX = { full: ".img", thumb: ".thumb.webp" } as const;

/** Whole-file write: a reader or a crash sees the old state or the new file, never half of one. */
const writeWhole = async (path: string, data: Buffer) => {
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    const handle = await open(temporary, "w");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
};

/** Makes the folder's new names durable: a rename lives in the folder, which a power cut could otherwise lose. */
const syncFolder = async (dir: string) => {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/** Image bytes in one folder, named by image id (ids are checked, so no path can escape the folder). */
export const createImageFiles = async (dir: string): Promise<ImageStore> => {
  await mkdir(dir, { recursive: true });
  const path = (id: string, variant: keyof typeof SUFFIX) => {
    if (!ID.test(id)) throw new Error(`not an image id: ${JSON.stringify(id)}`);
    // The data folder is chosen at run time; nothing in it belongs in the build's file trace.
    return join(/*turbopackIgnore: true*/ dir, `${id}${SUFFIX[variant]}`);
  };
  /** Both files, each tried whatever becomes of the other. */
  const remove = async (id: string) => settleBoth(rm(path(id, "full"), { force: true }), rm(path(id, "thumb"), { force: true }));
  return {
    async put(id, image, thumbnail) {
      try {
        await settleBoth(writeWhole(path(id, "full"), image), Promise.resolve(thumbnail).then((bytes) => writeWhole(path(id, "thumb"), bytes)));
        await syncFolder(dir);
      } catch (error) {
        // Half an image is no image: nothing of it stays for a record that will never be written.
        await remove(id).catch(() => undefined);
        throw error;
      }
    },
    async read(id, variant) {
      if (!ID.test(id)) return null;
      return readFile(path(id, variant)).catch(() => null);
    },
    async stream(id, variant) {
      if (!ID.test(id)) return null;
      const file = path(id, variant);
      const info = await stat(file).catch(() => null);
      if (!info) return null;
      return { body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, length: info.size };
    },
    remove,
    async has(id) {
      if (!ID.test(id)) return false;
      const found = await Promise.all([stat(path(id, "full")), stat(path(id, "thumb"))].map((check) => check.then(() => true, () => false)));
      return found.every(Boolean);
    },
    async sweep(keep, before) {
      let removed = 0;
      for (const name of await readdir(dir)) {
        const id = name.split(".")[0] ?? "";
        if (!name.endsWith(".tmp") && keep.has(id)) continue;
        const written = await stat(join(dir, name)).then((info) => info.mtimeMs, () => null);
        if (written === null || written >= before) continue;
        await rm(join(dir, name), { force: true });
        removed++;
      }
      return removed;
    },
  };
};
