import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getFeed } from "@/lib/history/live";
import { captureConsole, startRouteHarness, waitFor, type RouteHarness } from "@/test/route-harness";

/** GET /api/events behind a password: a sign-out ends the session's streams, even one still catching up. */

let harness: RouteHarness;
let events: typeof import("./route");
let session: typeof import("@/app/api/session/route");
beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ env: { PLAYGROUND_PASSWORD: "stream-password-1" } });
  events = await import("./route");
  session = await import("@/app/api/session/route");
});
afterAll(async () => {
  vi.restoreAllMocks();
  await harness?.close();
});

const signIn = async (): Promise<string> => {
  const answer = await session.POST(new Request("http://localhost/api/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: "stream-password-1" }) }));
  expect(answer.status).toBe(204);
  return (answer.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
};

/** What the stream says until it ends, or null when it is still open after `ms`. */
const readToEnd = async (body: ReadableStream<Uint8Array>, ms: number): Promise<string | null> => {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = new Promise<"open">((resolve) => setTimeout(() => resolve("open"), ms));
  for (;;) {
    const next = await Promise.race([reader.read(), deadline]);
    if (next === "open") {
      await reader.cancel();
      return null;
    }
    if (next.done) return text;
    text += decoder.decode(next.value);
  }
};

describe("GET /api/events behind a password", () => {
  it("ends a stream signed out while it was still catching up, saying so", async () => {
    const cookie = await signIn();
    const feed = await getFeed();
    const { last } = await harness.history.store.changeBounds();
    // The stream's catch-up read, held until after the sign-out.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let caughtUp = () => {};
    const reading = new Promise<void>((resolve) => (caughtUp = resolve));
    const read = harness.history.store.changesAfter.bind(harness.history.store);
    vi.spyOn(harness.history.store, "changesAfter").mockImplementationOnce(async (cursor, limit) => {
      caughtUp();
      await held;
      return read(cursor, limit);
    });

    const answer = await events.GET(new Request(`http://localhost/api/events?after=${last}`, { headers: { cookie } }));
    expect(answer.status).toBe(200);
    await reading;
    const signedOut = await session.DELETE(new Request("http://localhost/api/session", { method: "DELETE", headers: { cookie } }));
    expect(signedOut.status).toBe(204);
    release();

    const said = await readToEnd(answer.body ?? new ReadableStream(), 2_000);
    expect(said).toContain("event: signed-out");
    await waitFor(() => feed.streams === 0, "the signed-out stream to leave the feed");
  });
});
