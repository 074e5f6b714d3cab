import { Zip, ZipPassThrough } from "fflate";
import { plural } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import { MESSAGES } from "../i18n/messages";

/** A file of a zip: its name inside it and a way to get its bytes, asked for only when its turn comes. */
export type ZipEntry = { readonly name: string; readonly bytes: () => Promise<Uint8Array | null> };

/**
 * Each file as made on Unix (APPNOTE's host 3), a regular file readable by all (mode 0644 in the external
 * attributes' high 16 bits). fflate's default host, 0 (MS-DOS), has Info-ZIP's unzip read the names in a DOS
 * code page whatever their UTF-8 flag says, garbling any prompt past ASCII.
 */
const UNIX = { os: 3, attrs: 0o100644 * 2 ** 16 } as const;

/**
 * A zip written as it is read: each entry's bytes are fetched when the reader wants more, stored as they are
 * (PNGs are compressed already), so memory holds one file at a time however many there are. An entry whose
 * bytes are gone (null) is left out.
 */
export const zipStream = (entries: AsyncIterable<ZipEntry>): ReadableStream<Uint8Array> => {
  let zip: Zip | undefined;
  let iterator: AsyncIterator<ZipEntry> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        zip = new Zip((error, chunk, final) => {
          if (error) return controller.error(error);
          controller.enqueue(chunk);
          if (final) controller.close();
        });
        iterator = entries[Symbol.asyncIterator]();
      },
      async pull() {
        if (!zip || !iterator) return;
        for (;;) {
          const next = await iterator.next();
          if (next.done) return zip.end();
          const bytes = await next.value.bytes();
          if (!bytes) continue;
          const file = Object.assign(new ZipPassThrough(next.value.name), UNIX);
          zip.add(file);
          file.push(bytes, true);
          return;
        }
      },
      async cancel() {
        zip?.terminate();
        await iterator?.return?.();
      },
    },
    // One file's chunks at a time: the next file is read only once the reader has taken these.
    { highWaterMark: 1 },
  );
};

/**
 * What a zip written without ZIP64 (fflate writes none) can hold: offsets and sizes are 32-bit and the count of
 * files 16-bit, so past 4 GiB or 65,535 files the file is corrupt though it ends cleanly. A margin is kept for
 * the headers, the manifests and the central directory.
 */
export const ZIP_LIMITS = { bytes: 4_000_000_000, files: 65_000 } as const;

/**
 * Counts what goes into a zip: `take` answers whether a file of this size still fits, and counts it if so. Once
 * one does not, none after it goes in, so what is left out is the end of the list, in one piece.
 */
export const zipRoom = (limits: { readonly bytes: number; readonly files: number } = ZIP_LIMITS) => {
  let bytes = 0;
  let files = 0;
  let full = false;
  return {
    take(size: number): boolean {
      full ||= files + 1 > limits.files || bytes + size > limits.bytes;
      if (full) return false;
      files += 1;
      bytes += size;
      return true;
    },
  };
};

/**
 * README.txt's lines for images a zip does not hold, by file name, in the interface's language: deleted while it
 * was written, unreadable (a damaged file, or the storage failing), past what a zip holds.
 */
export const zipLeftOut = (locale: Locale, left: { readonly gone: readonly string[]; readonly unreadable: readonly string[]; readonly over: readonly string[] }): string[] => {
  const { zipGone, zipUnreadable, zipOver } = MESSAGES[locale].sets.files;
  return ([[left.gone, zipGone], [left.unreadable, zipUnreadable], [left.over, zipOver]] as const).flatMap(([files, message]) =>
    files.length > 0 ? [plural(locale, message, files.length, { files: files.join(", ") })] : [],
  );
};
