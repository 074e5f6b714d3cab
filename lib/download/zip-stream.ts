import { Zip, ZipPassThrough } from "fflate";

/** A file of a zip: its name inside it and a way to get its bytes, asked for only when its turn comes. */
export type ZipEntry = { readonly name: string; readonly bytes: () => Promise<Uint8Array | null> };

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
          const file = new ZipPassThrough(next.value.name);
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
