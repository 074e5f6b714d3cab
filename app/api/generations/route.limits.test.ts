import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "@/lib/access/client-address";
import { captureConsole, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/**
 * Behind the gate a generation counts against the session and the address it comes from: a password holder
 * signing in again gets no fresh minute, while colleagues behind one address share a larger count of its own.
 */

const PASSWORD = "limits-password-1";
let harness: RouteHarness;
let session: typeof import("../session/route");
beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ env: { PLAYGROUND_PASSWORD: PASSWORD, RATE_LIMIT_PER_MINUTE: "2", RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "3" } });
  session = await import("../session/route");
});
afterAll(async () => {
  await harness?.close();
});

/** A session signed in from `address` (as the server stamps it): its cookie. */
const signIn = async (address: string) => {
  const answer = await session.POST(new Request("http://localhost/api/session", { method: "POST", headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: address }, body: JSON.stringify({ password: PASSWORD }) }));
  expect(answer.status).toBe(204);
  return (answer.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
};

const REQUEST = { model: "wan2.2-t2i-flash", prompt: "a lighthouse", negativePrompt: "", width: 512, height: 512, n: 1, seed: 42, promptExtend: false, watermark: false };

/** A generation started with `cookie` from `address`: its status, and the refusal's message if refused. */
const generate = async (cookie: string, address: string) => {
  const answer = await harness.generations.POST(new Request("http://localhost/api/generations", { method: "POST", headers: { "content-type": "application/json", cookie, [CLIENT_ADDRESS_HEADER]: address }, body: JSON.stringify(REQUEST) }));
  const body = (await answer.json()) as { error?: { message: string } };
  if (answer.status === 429) expect(answer.headers.get("retry-after")).toMatch(/^\d+$/);
  return { status: answer.status, message: body.error?.message ?? "" };
};

describe("the generation rate limit behind the gate", () => {
  it("gives a password holder who signs in again no fresh minute, nor one who changes network", async () => {
    const first = await signIn("203.0.113.9");
    for (let i = 0; i < 2; i++) expect((await generate(first, "203.0.113.9")).status).toBe(202);
    expect(await generate(first, "203.0.113.9")).toMatchObject({ status: 429, message: expect.stringMatching(/^At most 2 generations a minute may be started here/) });
    expect(await generate(first, "198.51.100.7")).toMatchObject({ status: 429, message: expect.stringMatching(/^At most 2 generations a minute may be started here/) });
    // A second session from the address: a colleague's own minute, up to the address's 3.
    const second = await signIn("203.0.113.9");
    expect((await generate(second, "203.0.113.9")).status).toBe(202);
    expect(await generate(second, "203.0.113.9")).toMatchObject({
      status: 429,
      message: expect.stringMatching(/^At most 3 generations a minute may be started from one address here, by everyone signed in there together, and this would go past it\. Try again in \d+ seconds?\.$/),
    });
    // The same address reached over IPv6 by a dual-stack socket.
    expect((await generate(await signIn("::ffff:203.0.113.9"), "::ffff:203.0.113.9")).status).toBe(429);
    // A refusal cost the sessions nothing elsewhere: from another address the second still has its other turn.
    expect((await generate(second, "198.51.100.8")).status).toBe(202);
  });

  it("counts an IPv6 client by its /64, so another of its addresses is no fresh minute", async () => {
    const first = await signIn("2001:db8:5:6::1");
    for (let i = 0; i < 2; i++) expect((await generate(first, "2001:db8:5:6::1")).status).toBe(202);
    const second = await signIn("2001:db8:5:6:abcd::2");
    expect((await generate(second, "2001:db8:5:6:abcd::2")).status).toBe(202);
    expect(await generate(second, "2001:db8:5:6:ffff:ffff:ffff:ffff")).toMatchObject({ status: 429, message: expect.stringContaining("from one address here") });
    expect((await generate(await signIn("2001:db8:5:7::1"), "2001:db8:5:7::1")).status).toBe(202);
  });
});
