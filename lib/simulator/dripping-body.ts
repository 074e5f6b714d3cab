import { sleep } from "./abortable";

const DRIP_BYTES = 8;
const DRIP_INTERVAL_MS = 200;

/**
 * A complete, valid body sent a few bytes at a time, so the answer starts at once but takes seconds to
 * finish: for testing that the app's timeout covers reading the body, not only waiting for the headers.
 * Each chunk is made only when the reader pulls; cancelling ends the pending wait at once.
 */
export const drippingBody = (text: string, onCancel: () => void): ReadableStream<Uint8Array> => {
  const bytes = new TextEncoder().encode(text);
  const stop = new AbortController();
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      if (offset > 0 && (await sleep(DRIP_INTERVAL_MS, stop.signal)) === "aborted") return;
      controller.enqueue(bytes.slice(offset, offset + DRIP_BYTES));
      offset += DRIP_BYTES;
      if (offset >= bytes.length) controller.close();
    },
    cancel: () => {
      stop.abort();
      onCancel();
    },
  });
};
