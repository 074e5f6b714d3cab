import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noise, readAnswer as read, uploadInput } from "@/test/input-uploads";
import { captureConsole, expectErrorBody, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/** What bounds the disk and the memory uploads may take: a quota on all inputs kept, and caps on bodies arriving and decodes at once. */

let harness: RouteHarness;
let inputs: typeof import("./route");
beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ env: { INPUT_STORAGE_MB: "1" } });
  inputs = await import("./route");
});
afterAll(async () => {
  await harness?.close();
});

const upload = (body: BodyInit, address?: string) => uploadInput(inputs, body, address);

describe("upload limits", () => {
  it("refuses an input that would pass the storage quota, saying how much is held", async () => {
    const first = await noise(420);
    expect(first.length).toBeGreaterThan(500 * 1024);
    expect((await read(await upload(first))).status).toBe(201);
    // From another client, whose own share is empty: the quota on all is what refuses it.
    const second = await read(await upload(await noise(420), "203.0.113.2"));
    expect(second.status).toBe(507);
    expect(expectErrorBody(second)).toBe("storage_full");
    expect(second.text).toContain("keeps at most 1 MB of input images");
  });

  it("says plainly when one upload alone is larger than all the room, naming the total (no client's share may pass it)", async () => {
    const large = await noise(700);
    expect(large.length).toBeGreaterThan(1024 * 1024);
    const refused = await read(await upload(large, "203.0.113.3"));
    expect([refused.status, expectErrorBody(refused)]).toEqual([507, "storage_full"]);
    expect(refused.text).toContain(
      "This image alone takes 1.6 MB with its thumbnail, more than the 1 MB of input images the playground keeps in all. Use a smaller image, or ask whoever runs the playground to raise INPUT_STORAGE_MB.",
    );
  });

  it("counts an input's thumbnail under the quota too: an image that fits only without its thumbnail is refused", async () => {
    // 400*400, noise in its top rows and flat below: about 1.2 kB a row of noise, so its size can be fitted to the room.
    const striped = (rows: number) => {
      const pixels = Buffer.alloc(400 * 400 * 3);
      randomBytes(rows * 400 * 3).copy(pixels);
      return sharp(pixels, { raw: { width: 400, height: 400, channels: 3 } }).png().toBuffer();
    };
    const roomLeft = async () => 1024 * 1024 - (await harness.history.store.inputBytes());
    // Filled first, whatever ran before, to less than the largest such picture takes.
    while ((await roomLeft()) > 400_000) {
      const filler = await striped(Math.min(400, Math.floor(((await roomLeft()) - 300_000) / 1500)));
      expect((await read(await upload(new Uint8Array(filler)))).status).toBe(201);
    }
    const room = await roomLeft();
    let rows = Math.min(400, Math.floor(room / 1200));
    let image = await striped(rows);
    while (image.length >= room) image = await striped(--rows);
    expect(rows).toBeGreaterThan(50);
    const refused = await read(await upload(new Uint8Array(image)));
    expect(refused.status).toBe(507);
    expect(expectErrorBody(refused)).toBe("storage_full");
  });

  it("lets a slow sender hold up no one's check, at most 2 bodies arriving from one client and 8 in all, the rest refused before their bodies are read", async () => {
    const held: Array<ReadableStreamDefaultController<Uint8Array>> = [];
    const slow = () => new ReadableStream<Uint8Array>({ start: (controller) => void held.push(controller) });
    const tiny = async (background: string) => new Uint8Array(await sharp({ create: { width: 400, height: 400, channels: 3, background } }).png().toBuffer());
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    // Two bodies still arriving (a phone's weak uplink) take none of the two decodes.
    const pending = [upload(slow(), "198.51.100.1"), upload(slow(), "198.51.100.1")];
    await settle();
    expect((await read(await upload(await tiny("#123")))).status).toBe(201);
    // A third from the same client waits for its own.
    const third = await read(await upload(await tiny("#234"), "198.51.100.1"));
    expect([third.status, expectErrorBody(third)]).toEqual([503, "busy"]);
    expect(third.text).toContain("2 of your input images are still arriving");
    // Eight at once arriving is the most: the ninth is refused at once, whoever sends it.
    pending.push(...Array.from({ length: 6 }, (_, index) => upload(slow(), `198.51.100.${10 + Math.floor(index / 2)}`)));
    await settle();
    const ninth = await read(await upload(await tiny("#345"), "198.51.100.99"));
    expect(ninth.status).toBe(503);
    expect(ninth.text).toContain("8 input images are arriving right now");
    expect(ninth.headers.get("retry-after")).toBe("5");
    for (const controller of held) controller.close();
    expect(await Promise.all(pending.map(async (response) => (await response).status))).toEqual(Array.from({ length: 8 }, () => 400));
    // Every slot is free again.
    expect((await read(await upload(await tiny("#456"), "198.51.100.1"))).status).toBe(201);
  });
});
