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
