import { wellFormed } from "../text/well-formed";
export type DownloadFileNameInput = {
  model: string;
  seed: number;
  prompt: string;
  /** 0-based position of the image in its batch; the name shows it 1-based. */
  index: number;
  count: number;
  extension?: string;
};

const MAX_NAME_LENGTH = 120;
const MAX_PROMPT_WORDS = 6;
const MAX_PROMPT_LENGTH = 60;
// Caps the model part so, with the longest seed, batch suffix and extension, the name always fits MAX_NAME_LENGTH.
const MAX_MODEL_LENGTH = 40;
const EXTENSION = /^[a-z0-9]{1,10}$/i;

// Marks (\p{M}) are kept along with letters and numbers so scripts like Devanagari, Thai or decomposed accents keep whole words.
const PROMPT_SEPARATORS = /[^\p{L}\p{N}\p{M}]+/u;
// Model ids legitimately contain dots (wan2.6-t2i); anything else that is not a word character becomes a dash.
const MODEL_UNSAFE = /[^\p{L}\p{N}\p{M}._-]+/gu;

/** Cuts by code point so a surrogate pair (e.g. a CJK Extension B character) is never split in half. */
function truncate(text: string, maxLength: number): string {
  let out = "";
  for (const char of text) {
    if (out.length + char.length > maxLength) break;
    out += char;
  }
  return out;
}

function modelSlug(model: string): string {
  const cleaned = model
    .normalize("NFKC")
    .replace(MODEL_UNSAFE, "-")
    .replace(/-{2,}/g, "-")
    // A leading dot would make a hidden file on Unix.
    .replace(/^[.-]+|[.-]+$/g, "");
  return truncate(cleaned, MAX_MODEL_LENGTH) || "image";
}

function promptSlug(prompt: string, budget: number): string {
  // NFKC folds full-width Latin and digits (common in CJK input) into their plain forms.
  const words = prompt.normalize("NFKC").toLowerCase().split(PROMPT_SEPARATORS).filter(Boolean).slice(0, MAX_PROMPT_WORDS);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > budget) break;
    slug = next;
  }
  const [first] = words;
  // Unspaced CJK prompts are one long "word"; keeping its start beats dropping the prompt entirely.
  return slug || !first ? slug : truncate(first, budget);
}

/** A file name like `wan2.6-t2i_seed42_a-kitten-running-on-grass.png`, safe on Windows, macOS and Linux. */
export function downloadFileName({ model, seed, prompt, index, count, extension = "png" }: DownloadFileNameInput): string {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`index must be an integer from 0 to ${count - 1}, got ${index}`);
  }
  if (!EXTENSION.test(extension)) throw new RangeError(`extension must be 1-10 ASCII letters or digits, got ${JSON.stringify(extension)}`);

  const head = `${modelSlug(model)}_seed${String(seed)}`;
  const tail = `${count > 1 ? `_${index + 1}of${count}` : ""}.${extension}`;
  const slug = promptSlug(prompt, Math.min(MAX_PROMPT_LENGTH, MAX_NAME_LENGTH - head.length - tail.length - 1));
  return slug ? `${head}_${slug}${tail}` : `${head}${tail}`;
}

// RFC 5987 attr-char minus what encodeURIComponent already escapes: these four it leaves bare but attr-char forbids.
const NOT_ATTR_CHAR = /['()*]/g;

/** An RFC 6266 `Content-Disposition` value with an ASCII fallback for old clients and the exact UTF-8 name in `filename*`. */
export function contentDisposition(fileName: string): string {
  // encodeURIComponent throws on lone surrogates, so they become U+FFFD first.
  const name = wellFormed(fileName);
  // Control characters go too: a CR or LF would let the name inject extra response headers.
  const fallback = name.replace(/[^\x20-\x7e]/gu, "_").replace(/["\\]/g, "");
  const encoded = encodeURIComponent(name).replace(NOT_ATTR_CHAR, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The file name a `Content-Disposition` value gives (its exact UTF-8 `filename*`, else `filename`), or null. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const exact = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (exact) {
    try {
      return decodeURIComponent(exact);
    } catch {
      // A malformed escape: the plain name below serves.
    }
  }
  return /filename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
}

/** A file made of a whole set (a grid's PNG, a batch's zip), like `grid_a-red-lighthouse-at-dawn.png`. */
export function setFileName(kind: "comparison" | "grid" | "batch" | "poll", prompt: string, extension: "png" | "csv" | "zip" | "pptx"): string {
  return `${kind}_${promptSlug(wellFormed(prompt), MAX_PROMPT_LENGTH) || "prompt"}.${extension}`;
}

/** A file made of items chosen in the history, the favourites or a poll's sets, like `selection_3-items.zip`. */
export function takeawayFileName(kind: "selection" | "favourites" | "poll", count: number, extension: "png" | "csv" | "zip" | "pptx"): string {
  if (kind === "favourites") return `favourites.${extension}`;
  return `${kind}_${count}-${count === 1 ? "item" : "items"}.${extension}`;
}

/** A file as a download's answer: its type, its name, never cached. */
export const fileResponse = (body: BodyInit, type: string, fileName: string): Response =>
  new Response(body, { headers: { "content-type": type, "content-disposition": contentDisposition(fileName), "cache-control": "no-store" } });
