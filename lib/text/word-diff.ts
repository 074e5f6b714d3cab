/**
 * A word-level diff between the user's prompt and the model's revised prompt: what the rewriter kept,
 * added and dropped. Words come from Intl.Segmenter, so Chinese (written without spaces) splits into real
 * words instead of one long run.
 */

export type DiffPart = { readonly kind: "same" | "added" | "removed"; readonly text: string };

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

/** Every segment, spaces and punctuation included, so the parts put back together give the text again. */
export const segmentWords = (text: string): string[] => {
  const segmenter = new Intl.Segmenter(CJK.test(text) ? "zh" : "en", { granularity: "word" });
  return Array.from(segmenter.segment(text), (segment) => segment.segment);
};

const push = (parts: DiffPart[], kind: DiffPart["kind"], text: string) => {
  const last = parts.at(-1);
  if (last && last.kind === kind) parts[parts.length - 1] = { kind, text: last.text + text };
  else parts.push({ kind, text });
};

export const wordDiff = (before: string, after: string): DiffPart[] => {
  const a = segmentWords(before);
  const b = segmentWords(after);
  // Longest common subsequence, filled from the end so the walk below can go forwards.
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j] ? (table[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push(parts, "same", a[i] ?? "");
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)) {
      push(parts, "removed", a[i++] ?? "");
    } else {
      push(parts, "added", b[j++] ?? "");
    }
  }
  while (i < a.length) push(parts, "removed", a[i++] ?? "");
  while (j < b.length) push(parts, "added", b[j++] ?? "");
  return parts;
};

const WORDLIKE = /[\p{L}\p{N}]/u;

/** How many words the rewriter added and dropped (spaces and punctuation not counted). */
export const diffSummary = (parts: readonly DiffPart[]): { added: number; removed: number } => {
  const count = (kind: DiffPart["kind"]) =>
    parts.filter((part) => part.kind === kind).reduce((sum, part) => sum + segmentWords(part.text).filter((word) => WORDLIKE.test(word)).length, 0);
  return { added: count("added"), removed: count("removed") };
};
