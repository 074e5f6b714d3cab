import type { ClientRequest } from "node:http";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "@/lib/access/client-address";
import { postAndStall, serveRoute, type Ending, type RouteServer } from "@/test/route-server";
import { captureConsole, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/**
 * Uploads arriving at once, over a real socket, behind the gate: one address signing in again and again, its
 * uploads stalled after their first bytes, can neither take every place nor keep its own for long.
 */

const PASSWORD = "arrival-password-1";

let harness: RouteHarness;
let server: RouteServer;
let session: typeof import("@/app/api/session/route");
beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ env: { PLAYGROUND_PASSWORD: PASSWORD } });
  const inputs = await import("./route");
  session = await import("@/app/api/session/route");
  server = await serveRoute(inputs.POST);
});
afterAll(async () => {
  await server?.close();
  await harness?.close();
});

const stalled: ClientRequest[] = [];
afterEach(() => {
  for (const request of stalled.splice(0)) request.destroy();
});

/** A sign-in from `address` (five a minute from one): the session's cookie. */
const signIn = async (address: string): Promise<string> => {
  const answer = await session.POST(
    new Request("http://localhost/api/session", { method: "POST", headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: address }, body: JSON.stringify({ password: PASSWORD }) }),
  );
  expect(answer.status).toBe(204);
  return (answer.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
};

/** An upload that promises 500 kB, sends 100 bytes and then nothing. */
const stall = (address: string, cookie: string): Promise<Ending> => {
  const { request, ended } = postAndStall(server.port, "/api/inputs", { "content-type": "image/png", "content-length": "500000", [CLIENT_ADDRESS_HEADER]: address, cookie }, new Uint8Array(100));
  stalled.push(request);
  return ended;
};

const upload = async (address: string, cookie: string): Promise<{ status: number; text: string }> => {
  const png = new Uint8Array(await sharp({ create: { width: 400, height: 400, channels: 3, background: "#3a6" } }).png().toBuffer());
  const response = await fetch(`http://127.0.0.1:${server.port}/api/inputs`, { method: "POST", headers: { "content-type": "image/png", [CLIENT_ADDRESS_HEADER]: address, cookie }, body: png });
  return { status: response.status, text: await response.text() };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** What each of `endings` came to within `ms`, in their order: null for one still open by then. */
const within = (ms: number, endings: ReadonlyArray<Promise<Ending>>): Promise<Array<Ending | null>> => {
  const open = new Promise<null>((resolve) => setTimeout(() => resolve(null), ms));
  return Promise.all(endings.map((ending) => Promise.race([ending, open])));
};

const refusedWith = (ending: Ending | null, status: number, text: string) => expect(ending).toEqual({ status, text: expect.stringContaining(text) as unknown });

describe("uploads arriving at once, behind the gate", () => {
  it("lets one address, however many times it signs in, hold at most half the places: someone elsewhere still uploads", async () => {
    const attacker = "198.51.100.40";
    const sessions = [await signIn(attacker), await signIn(attacker), await signIn(attacker), await signIn(attacker)];
    const endings = sessions.flatMap((cookie) => [stall(attacker, cookie), stall(attacker, cookie)]);
    await settle();
    expect(await upload("203.0.113.40", await signIn("203.0.113.40"))).toMatchObject({ status: 201 });
    // Past the address's share, the rest were refused at once, before their bodies were read; which ones
    // depends on the order the sockets were accepted in, so only how many is asserted.
    const ended = await within(2000, endings);
    const refused = ended.filter((ending) => ending !== null);
    expect(refused).toHaveLength(4);
    expect(ended.filter((ending) => ending === null)).toHaveLength(4);
    for (const ending of refused) refusedWith(ending, 503, "4 input images are already arriving from your address");
  });

  it("drops an upload whose body stalls, freeing its place within seconds rather than minutes", async () => {
    const phone = "198.51.100.41";
    const cookie = await signIn(phone);
    const endings = [stall(phone, cookie), stall(phone, cookie)];
    await settle();
    // The session's two places are held by the stalled uploads, so its next one is refused at once ...
    refusedWith(await upload(phone, cookie), 503, "2 of your input images are still arriving");
    // ... but they hold them only until they fall under the pace: each is refused, saying why, and its place freed.
    for (const ending of await within(15_000, endings)) refusedWith(ending, 504, "so the upload was stopped to free its place for others");
    expect(await upload(phone, cookie)).toMatchObject({ status: 201 });
  }, 30_000);
});
