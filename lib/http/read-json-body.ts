import { AppError } from "../errors";

/**
 * Reads a JSON request body without trusting its declared length: the stream is cut off as soon as it
 * passes the cap, so an oversized or endless body costs at most `maxBytes` of memory.
 */
export const readJsonBody = async (request: Request, maxBytes: number): Promise<unknown> => {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the request as JSON (Content-Type: application/json).");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readTextCapped(request.body, maxBytes, () => tooLarge(maxBytes));
  let nul = false;
  let body: unknown;
  try {
    body = JSON.parse(text, (key, value: unknown) => {
      if (key.includes("\u0000") || (typeof value === "string" && value.includes("\u0000"))) nul = true;
      return value;
    });
  } catch {
    throw new AppError("invalid_request", "The request body is not valid JSON.");
  }
  // PostgreSQL's text cannot hold one (an insert fails) and SQLite's cuts the text at it: refused here, for
  // every field of every route, rather than kept on one backend and a 500 on the other.
  if (nul) throw new AppError("invalid_request", NUL_REFUSED);
  return body;
};

export const NUL_REFUSED = "The request's text holds a NUL character (U+0000), which cannot be kept. Remove it and try again.";

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`);

/**
 * Reads a byte stream whole, cancelling it and throwing `onTooLarge()` once it passes `maxBytes`. The
 * signal is watched here rather than trusted to fetch: undici links a fetch's signal to the response body
 * through a weak reference, so after a garbage collection an abort might never reach a slow body.
 */
export const readBytesCapped = async (
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  onTooLarge: () => Error,
  signal?: AbortSignal,
): Promise<Buffer> => {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener("abort", onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      // A cancel ends a pending read as if the stream were done: an abort must not pass for a whole body.
      signal?.throwIfAborted();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw onTooLarge();
      }
      chunks.push(value);
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  return Buffer.concat(chunks, total);
};

/** The same, as UTF-8 text. */
export const readTextCapped = async (
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  onTooLarge: () => Error,
  signal?: AbortSignal,
): Promise<string> => (await readBytesCapped(body, maxBytes, onTooLarge, signal)).toString("utf8");
