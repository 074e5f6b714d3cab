import { describe, expect, it } from "vitest";
import { busyRefusal } from "./busy-refusal";
import { busy, heldPlaces } from "./refusals";

describe("the refusal at the concurrency cap", () => {
  const now = 1_000_000;

  it("says the places are held, not running, and to come back when one frees", () => {
    const refusal = busyRefusal({ running: 0, lingering: 8, freeAt: [now + 110_400, ...Array.from({ length: 7 }, () => now + 120_000)] }, 8, now);
    expect(refusal).toMatchObject({ code: "busy", status: 503, retryAfterSeconds: 111, message: heldPlaces(8, 8, 111) });
    expect(refusal.message).toBe(
      "The playground is at its limit of 8 generations at once, and 8 of its places are held by calls stopped after they were sent (cancelled, interrupted, or with no clear answer): the gateway may still be making their images, so each place is kept until it surely has stopped. There is room again in 111 seconds.",
    );
  });

  it("counts only the held places when some of the cap runs, and never says to wait less than a second", () => {
    const refusal = busyRefusal({ running: 3, lingering: 1, freeAt: [now + 200] }, 4, now);
    expect(refusal).toMatchObject({ retryAfterSeconds: 1 });
    expect(refusal.message).toBe(
      "The playground is at its limit of 4 generations at once, and 1 of its places is held by a call stopped after it was sent (cancelled, interrupted, or with no clear answer): the gateway may still be making its images, so its place is kept until it surely has stopped. It frees in 1 second.",
    );
  });

  it("waits for as many held places as must free to make room, where more are held than the cap has", () => {
    // Lowered to 4 with 2 running and 9 held: 8 must free before a ninth call fits, the 8th end from now.
    const freeAt = Array.from({ length: 9 }, (_, index) => now + (index + 1) * 5_000);
    const refusal = busyRefusal({ running: 2, lingering: 9, freeAt }, 4, now);
    // The refusal speaks of the cap's places only.
    expect(refusal).toMatchObject({ retryAfterSeconds: 40, message: heldPlaces(4, 2, 40) });
  });

  it("keeps the old sentence and a few seconds when running calls alone fill the cap", () => {
    expect(busyRefusal({ running: 4, lingering: 0, freeAt: [] }, 4, now)).toMatchObject({ code: "busy", retryAfterSeconds: 5, message: busy(4) });
    // A held place freeing would not make room: the running ones hold every place.
    expect(busyRefusal({ running: 4, lingering: 2, freeAt: [now + 90_000, now + 95_000] }, 4, now)).toMatchObject({ retryAfterSeconds: 5, message: busy(4) });
  });
});
