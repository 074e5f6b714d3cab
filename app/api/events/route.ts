import { parseCursor, SSE_RETRY } from "@/lib/events/sse";
import { getFeed } from "@/lib/history/live";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * The history's changes as Server-Sent Events, behind the gate like every route. A browser that reconnects
 * sends Last-Event-ID (or `?after=`) and gets what it missed first.
 */
export function GET(request: Request): Promise<Response> {
  return handleRoute(request, async () => {
    const feed = await getFeed();
    // The browser's own reconnect sends the header; a stream the page opens anew names it in the URL.
    const after = parseCursor(request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after"));
    let stop = () => {};
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(SSE_RETRY);
        const end = () => {
          stop();
          try {
            controller.close();
          } catch {
            // Already closed by the browser going away.
          }
        };
        request.signal.addEventListener("abort", end, { once: true });
        stop = await feed.subscribe(after, (frame) => controller.enqueue(frame));
        if (request.signal.aborted) end();
      },
      cancel() {
        stop();
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        // no-transform: a compressing layer (Next's own included) must not buffer the stream.
        "cache-control": "no-cache, no-store, no-transform",
        "x-accel-buffering": "no",
      },
    });
  });
}
