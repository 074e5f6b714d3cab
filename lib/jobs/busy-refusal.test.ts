import { describe, expect, it } from "vitest";
import { busyRefusal } from "./busy-refusal";
import { busy, heldPlaces } from "./refusals";

describe("the refusal at the concurrency cap", () => {
  const now = 1_000_000;

  it("says the places are held, not running, and to come back when the first frees", () => {
    const refusal = busyRefusal({ running: 0, lingering: 8, firstFreeAt: now + 110_400 }, 8, now);
    expect(refusal).toMatchObject({ code: "busy", status: 503, retryAfterSeconds: 111, message: heldPlaces(8, 8, 111) });
    expect(refusal.message).toBe(
      "The playground is at its limit of 8 generations at once, and 8 of its places are held by calls stopped after they were sent (cancelled, interrupted, or with no clear answer): the gateway may still be making their images, so each place is kept until it surely has stopped. The first frees in 111 seconds.",
    );
  });

  it("counts only the held places when some of the cap runs, and never says to wait less than a second", () => {
    const refusal = busyRefusal({ running: 3, lingering: 1, firstFreeAt: now + 200 }, 4, now);
    expect(refusal).toMatchObject({ retryAfterSeconds: 1 });
    expect(refusal.message).toBe(
      "The playground is at its limit of 4 generations at once, and 1 of its places is held by a call stopped after it was sent (cancelled, interrupted, or with no clear answer): the gateway may still be making its images, so its place is kept until it surely has stopped. It frees in 1 second.",
    );
    // More held than the running ones leave: the refusal speaks of the cap's places only.
    expect(busyRefusal({ running: 2, lingering: 9, firstFreeAt: now + 5_000 }, 4, now).message).toBe(heldPlaces(4, 2, 5));
  });

  it("keeps the old sentence and a few seconds when running calls alone fill the cap", () => {
    expect(busyRefusal({ running: 4, lingering: 0, firstFreeAt: null }, 4, now)).toMatchObject({ code: "busy", retryAfterSeconds: 5, message: busy(4) });
    // A held place freeing would not make room: the running ones hold every place.
    expect(busyRefusal({ running: 4, lingering: 2, firstFreeAt: now + 90_000 }, 4, now)).toMatchObject({ retryAfterSeconds: 5, message: busy(4) });
  });
});
