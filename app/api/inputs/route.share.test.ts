import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noise, readAnswer as read, uploadInput } from "@/test/input-uploads";
import { captureConsole, expectErrorBody, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/** Without a gate, each address has its own share of the inputs' room: one cannot fill it for everyone. */

let harness: RouteHarness;
let inputs: typeof import("./route");
beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ env: { INPUT_STORAGE_MB: "4", INPUT_STORAGE_PER_CLIENT_MB: "1" } });
  inputs = await import("./route");
});
afterAll(async () => {
  await harness?.close();
});

describe("each client's share of the inputs' room", () => {
  it("refuses an upload past the address's own share, saying whose share is full and when it frees, while others upload on", async () => {
    expect((await read(await uploadInput(inputs, await noise(420), "198.51.100.7"))).status).toBe(201);
    const refused = await read(await uploadInput(inputs, await noise(420), "198.51.100.7"));
    expect(refused.status).toBe(507);
    expect(expectErrorBody(refused)).toBe("storage_full");
    expect(refused.text).toContain("The input images added from your address hold 0.7 MB, and one client may keep at most 1 MB of them here, leaving too little for this image (0.7 MB with its thumbnail)");
    expect(refused.text).toContain("an input is dropped once no edit in the history uses it, no later step of a chain of edits came from it, and nobody has chosen it for a day");
    expect(refused.text).toContain("INPUT_STORAGE_PER_CLIENT_MB");
    // The playground holds 4 MB: another address has its own share.
    expect((await read(await uploadInput(inputs, await noise(420), "203.0.113.50"))).status).toBe(201);
  });

  it("says plainly when one upload alone is larger than a client's share, rather than to try again tomorrow", async () => {
    const large = await noise(700);
    expect(large.length).toBeGreaterThan(1024 * 1024);
    const refused = await read(await uploadInput(inputs, large, "198.51.100.70"));
    expect([refused.status, expectErrorBody(refused)]).toEqual([507, "storage_full"]);
    expect(refused.text).toContain(
      "This image alone takes 1.6 MB with its thumbnail, more than the 1 MB one client may keep here. Use a smaller image, or ask whoever runs the playground to raise INPUT_STORAGE_PER_CLIENT_MB.",
    );
    expect(refused.text).not.toContain("tomorrow");
  });

  it("counts an IPv6 client by its /64, as the rate limits do", async () => {
    expect((await read(await uploadInput(inputs, await noise(420), "2001:db8:1:2::1"))).status).toBe(201);
    const refused = await read(await uploadInput(inputs, await noise(420), "2001:db8:1:2:ffff::9"));
    expect([refused.status, expectErrorBody(refused)]).toEqual([507, "storage_full"]);
    expect(refused.text).toContain("from your address");
  });
});
