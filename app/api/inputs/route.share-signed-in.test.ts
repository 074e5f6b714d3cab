import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noise, readAnswer as read, uploadInput } from "@/test/input-uploads";
import { captureConsole, expectErrorBody, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/** Behind the gate, each signed-in session has its own share: colleagues behind one office's address do not share one. */

const PASSWORD = "inputs-password-1";

let harness: RouteHarness;
let inputs: typeof import("./route");
let session: typeof import("@/app/api/session/route");
beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ env: { PLAYGROUND_PASSWORD: PASSWORD, INPUT_STORAGE_MB: "4", INPUT_STORAGE_PER_CLIENT_MB: "1" } });
  inputs = await import("./route");
  session = await import("@/app/api/session/route");
});
afterAll(async () => {
  await harness?.close();
});

const signIn = async (): Promise<string> => {
  const answer = await session.POST(new Request("http://localhost/api/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: PASSWORD }) }));
  expect(answer.status).toBe(204);
  return (answer.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
};

describe("each signed-in session's share of the inputs' room", () => {
  it("refuses an upload past the session's own share, saying so, while a colleague at the same address uploads on", async () => {
    const [mine, colleague] = [await signIn(), await signIn()];
    const office = "198.51.100.20";
    expect((await read(await uploadInput(inputs, await noise(420), office, mine))).status).toBe(201);
    const refused = await read(await uploadInput(inputs, await noise(420), office, mine));
    expect([refused.status, expectErrorBody(refused)]).toEqual([507, "storage_full"]);
    expect(refused.text).toContain("The input images added under your sign-in hold 0.7 MB, and one client may keep at most 1 MB of them here, leaving too little for this image (0.7 MB with its thumbnail)");
    expect((await read(await uploadInput(inputs, await noise(420), office, colleague))).status).toBe(201);
  });
});
