import { sessionFromCookies } from "@/lib/access/gate";
import { watchSession } from "@/lib/access/session-watch";
import { parseCursor, SSE_RETRY, SSE_SIGNED_OUT } from "@/lib/events/sse";
import { getFeed } from "@/lib/history/live";
import { handleRoute } from "@/lib/http/route";
import { processStop } from "@/lib/process-stop";

export const dynamic = "force-dynamic";

/** Frames a stream may hold unread before it is closed. */
const MAX_QUEUED_FRAMES = 500;

/**
 * The history's changes as Server-Sent Events, behind the gate like every route. A browser that reconnects
 * sends Last-Event-ID (or `?after=`) and gets what it missed first. Behind a gate, the stream ends once its
 * session is signed out (in another tab, say) or runs out, saying so first, so the page goes to sign in. It
 * never ends by itself otherwise, so a stop of the server ends it, dropping the connection: Next waits for
 * every open request before it exits, and the browser reconnects, to the next start or another instance.
 */
export function GET(request: Request): Promise<Response> {
  return handleRoute(request, async (sessionId) => {
    const feed = await getFeed();
    // The browser's own reconnect sends the header; a stream the page opens anew names it in the URL.
    const after = parseCursor(request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after"));
    const stopping = processStop().signal;
    let stop = () => {};
    let unwatch = () => {};
    let unstop = () => {};
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        if (stopping.aborted) return controller.error(stopping.reason);
        controller.enqueue(SSE_RETRY);
        let ended = false;
        /** Ends the stream; `dropping`: with what it still queues let go (a close would still deliver it all). */
        const end = (dropping?: Error) => {
          ended = true;
          stop();
          unwatch();
          unstop();
          try {
            if (dropping) controller.error(dropping);
            else controller.close();
          } catch {
            // Already closed by the browser going away.
          }
        };
        request.signal.addEventListener("abort", () => end(), { once: true });
        // Ended with the stop's AbortError: Next drops the connection without a word (a close would leave it
        // kept alive, holding Next's close of the listener), and the browser takes it for a network blip.
        const stopped = () => end(stopping.reason as Error);
        stopping.addEventListener("abort", stopped, { once: true });
        unstop = () => stopping.removeEventListener("abort", stopped);
        if (sessionId) {
          const cookies = request.headers.get("cookie");
          const signedOut = () => {
            try {
              controller.enqueue(SSE_SIGNED_OUT);
            } catch {
              // Already closed.
            }
            end();
          };
          // Watched before the catch-up is read, so a sign-out meanwhile is not missed.
          unwatch = watchSession(sessionId, async () => (await sessionFromCookies(cookies)).sessionId === sessionId, signedOut);
        }
        try {
          stop = await feed.subscribe(after, (frame) => {
            controller.enqueue(frame);
            // A reader that takes nothing (a stalled tab, a half-open connection) is let go rather than queued
            // for until TCP gives up: a browser that is there resumes from its Last-Event-ID.
            if ((controller.desiredSize ?? 0) < -MAX_QUEUED_FRAMES) end(new Error("The reader took nothing from the stream."));
          });
        } catch (error) {
          unwatch();
          unstop();
          throw error;
        }
        // Ended while it caught up (signed out, the browser gone): the feed lets go of it now it can.
        if (ended || request.signal.aborted) end();
      },
      cancel() {
        stop();
        unwatch();
        unstop();
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
