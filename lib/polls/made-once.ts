/**
 * What is costly to make and the same for everyone who asks (a poll image as voters see it), made once per
 * key: asked again while it is being made, the same making is awaited; made, it is kept until the bytes kept
 * pass `maxBytes`, the least recently asked going first. A making that failed is not kept.
 */
export const createMadeOnce = (maxBytes: number) => {
  const kept = new Map<string, Buffer>();
  const making = new Map<string, Promise<Buffer>>();
  let bytes = 0;

  const keep = (key: string, value: Buffer) => {
    kept.set(key, value);
    bytes += value.length;
    for (const [oldest, old] of kept) {
      if (bytes <= maxBytes) break;
      kept.delete(oldest);
      bytes -= old.length;
    }
  };

  return (key: string, make: () => Promise<Buffer>): Promise<Buffer> => {
    const held = kept.get(key);
    if (held) {
      // Asked again: the most recent now (a Map keeps insertion order).
      kept.delete(key);
      kept.set(key, held);
      return Promise.resolve(held);
    }
    let pending = making.get(key);
    if (!pending) {
      pending = make()
        .then((value) => {
          keep(key, value);
          return value;
        })
        .finally(() => making.delete(key));
      making.set(key, pending);
    }
    return pending;
  };
};
