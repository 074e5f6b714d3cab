import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "@/lib/access/client-address";
import { captureConsole, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/** Password guesses are limited per address: an IPv6 host's /64 is one address, as is IPv4 written as IPv6. */

let harness: RouteHarness;
let session: typeof import("./route");
beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ env: { PLAYGROUND_PASSWORD: "sign-in-password-1" } });
  session = await import("./route");
});
afterAll(async () => {
  await harness?.close();
});

const send = async (address: string, body: unknown) => {
  const answer = await session.POST(new Request("http://localhost/api/session", { method: "POST", headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: address }, body: JSON.stringify(body) }));
  return { status: answer.status, message: ((await answer.json()) as { error: { message: string } }).error.message };
};
const guess = (address: string) => send(address, { password: "a wrong guess" });

describe("a sign-in that holds no password", () => {
  it("is refused saying what is wrong with it, not that the password is wrong, and takes no turn of the limit", async () => {
    const address = "203.0.113.40";
    for (let i = 0; i < 6; i++) {
      expect(await send(address, { pass: "sign-in-password-1" })).toEqual({ status: 400, message: "The request was refused: password: Send the password as text, in the field password." });
      expect(await send(address, { password: "a wrong guess", remember: true })).toEqual({ status: 400, message: "The request was refused: Unrecognized key: remember." });
      expect(await send(address, {})).toEqual({ status: 400, message: "The request was refused: password: Send the password as text, in the field password." });
      expect(await send(address, { password: 7 })).toEqual({ status: 400, message: "The request was refused: password: Send the password as text, in the field password." });
    }
    expect(await send(address, { password: "x".repeat(1001) })).toEqual({ status: 400, message: "The request was refused: password: A password is at most 1000 characters." });
    expect(await guess(address)).toEqual({ status: 401, message: "That password is not right." });
  });
});

describe("the sign-in limit", () => {
  it("counts the guesses from every address of one IPv6 /64 together", async () => {
    for (let i = 1; i <= 5; i++) expect((await guess(`2001:db8:7:8::${i}`)).status).toBe(401);
    expect(await guess("2001:db8:7:8:1:2:3:4")).toEqual({ status: 429, message: expect.stringMatching(/^Too many sign-in attempts\. Try again in \d+ seconds?\.$/) });
    expect((await guess("2001:db8:7:9::1")).status).toBe(401);
  });

  it("counts an IPv4 client reached as an IPv4-mapped IPv6 address as that IPv4 address", async () => {
    for (let i = 0; i < 5; i++) expect((await guess("198.51.100.20")).status).toBe(401);
    expect((await guess("::ffff:198.51.100.20")).status).toBe(429);
  });
});
