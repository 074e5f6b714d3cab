const CHUNK_BYTES = 64 * 1024;

/**
 * A 200 body that starts like a real answer and never ends, for testing the app's response size cap. Each
 * chunk is made only when the reader pulls, so a client that stops reading costs the simulator nothing.
 */
export const endlessJsonBody = (onCancel: () => void): ReadableStream<Uint8Array> => {
  const encoder = new TextEncoder();
  const prefix = encoder.encode(`{"created":${Math.floor(Date.now() / 1000)},"data":[{"url":"","b64_json":"`);
  // Base64-looking padding, shared between chunks: nothing mutates it after it is enqueued.
  const padding = new Uint8Array(CHUNK_BYTES).fill("A".charCodeAt(0));
  let started = false;
  return new ReadableStream<Uint8Array>({
    pull: (controller) => {
      controller.enqueue(started ? padding : prefix);
      started = true;
    },
    cancel: onCancel,
  });
};
