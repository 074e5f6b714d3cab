/**
 * Cheap deterministic randomness: the simulator must give the same picture and the same rewritten prompt for
 * the same inputs on any machine and in any instance, so nothing here may touch Math.random.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-8 bytes, so CJK prompts hash by content rather than by UTF-16 quirks. */
export const fnv1a = (text: string): number => {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
};

/** mulberry32: a tiny PRNG with good enough spread to pick colours and shapes from one 32-bit hash. */
export const createRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};
