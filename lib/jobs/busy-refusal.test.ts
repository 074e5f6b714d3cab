import { describe, expect, it } from "vitest";
import { busyRefusal } from "./busy-refusal";
import { busy, heldAmongRunning, heldPlaces } from "./refusals";

describe("the refusal at the concurrency cap", () => {
  const now = 1_000_000;

  it("says the places are held, not running, and to come back when one frees", () => {
    const refusal = busyRefusal({ running: 0, lingering: 8, freeAt: [now + 110_400, ...Array.from({ length: 7 }, () => now + 120_000)] }, 8, now);
    expect(refusal).toMatchObject({ code: "busy", status: 503, retryAfterSeconds: 111, message: heldPlaces(8, 8, 111) });
    expect(refusal.message).toBe(
      "The playground is at its limit of 8 generations at once, and 8 of its places are held by calls stopped after they were sent (cancelled, interrupted, or with no clear answer): the gateway may still be making their images, so each place is kept until it surely has stopped. There is room again in 111 seconds.",
    );
  });

  it("counts only the cap's places as held when the held ones must free, and never says to wait less than a second", () => {
    // Lowered to 4 with 3 running and 4 held: four calls must end, so even if the running ones do, a held one must too.
    const refusal = busyRefusal({ running: 3, lingering: 4, freeAt: [now + 50, now + 100, now + 150, now + 200] }, 4, now);
    expect(refusal).toMatchObject({ retryAfterSeconds: 1 });
    expect(refusal.message).toBe(
      "The playground is at its limit of 4 generations at once, and 1 of its places is held by a call stopped after it was sent (cancelled, interrupted, or with no clear answer): the gateway may still be making its images, so its place is kept until it surely has stopped. It frees in 1 second.",
    );
  });

  it("says a place may free at any moment, not when the held one does, where a running call is among what fills the cap", () => {
    // The tester's case: one place held for 2 more minutes, one call running that ends in seconds.
    const refusal = busyRefusal({ running: 1, lingering: 1, freeAt: [now + 117_000] }, 2, now);
    expect(refusal).toMatchObject({ code: "busy", status: 503, retryAfterSeconds: 5, message: heldAmongRunning(2, 1) });
    expect(refusal.message).toBe(
      "The playground is at its limit of 2 generations at once, and 1 of its places is held by a call stopped after it was sent (cancelled, interrupted, or with no clear answer): the gateway may still be making its images. The other is running, so a place may free at any moment. Try again in a few seconds.",
    );
    // Any one running call ending makes room, however many places are held and whenever they free.
    expect(busyRefusal({ running: 2, lingering: 6, freeAt: Array.from({ length: 6 }, () => now + 90_000) }, 8, now)).toMatchObject({
      retryAfterSeconds: 5,
      message: "The playground is at its limit of 8 generations at once, and 6 of its places are held by calls stopped after they were sent (cancelled, interrupted, or with no clear answer): the gateway may still be making their images. The other 2 are running, so a place may free at any moment. Try again in a few seconds.",
    });
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
