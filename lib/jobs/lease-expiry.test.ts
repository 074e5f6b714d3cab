import { describe, expect, it } from "vitest";
import { createLeaseExpiry } from "./lease-expiry";

describe("lease expiry", () => {
  const LEASE = 15_000;
  const harness = (startUpGrace = false) => {
    const asked: number[] = [];
    let down = false;
    const step = createLeaseExpiry(
      async (_now, ranOutBefore) => {
        if (down) throw new Error("connect ECONNREFUSED");
        asked.push(ranOutBefore);
      },
      LEASE,
      0,
      startUpGrace,
    );
    return { asked, step, setDown: (value: boolean) => (down = value) };
  };

  it("ends the leases that ran out by now while the database answers", async () => {
    const { asked, step } = harness();
    await step(1_000);
    await step(6_000);
    expect(asked).toEqual([1_000, 6_000]);
  });

  it("after an outage, spares every lease that ran out since the database was last reached, for a whole lease", async () => {
    const { asked, step, setDown } = harness();
    await step(1_000);
    await step(6_000);
    setDown(true);
    // Nine seconds and more away: leases renewed up to 6 s ran out at 21 s, while nobody could renew them.
    for (const at of [11_000, 16_000, 21_000, 26_000]) await expect(step(at)).rejects.toThrow("ECONNREFUSED");
    setDown(false);
    // Back at 31 s: the living instances renew within a heartbeat; until 46 s only what ran out before 6 s ends.
    await step(31_000);
    await step(36_000);
    await step(45_999);
    // Then as before: what ran out by now, its instance had a whole lease to renew it.
    await step(46_000);
    await step(51_000);
    expect(asked).toEqual([1_000, 6_000, 6_000, 6_000, 6_000, 46_000, 51_000]);
  });

  it("does not spare a dead instance's leases for ever when the database keeps failing now and then", async () => {
    const { asked, step, setDown } = harness();
    await step(1_000);
    // A failure every 15 s, the database answering in between: each outage spares only what ran out since the
    // last answer before it.
    for (let at = 10_000; at < 100_000; at += 15_000) {
      setDown(true);
      await expect(step(at)).rejects.toThrow();
      setDown(false);
      await step(at + 5_000);
    }
    expect(asked.at(-1)).toBeGreaterThan(60_000);
  });

  it("starts as after an outage on a shared database: a lease that ran out just before the start is spared a lease", async () => {
    const { asked, step } = harness(true);
    await step(1_000);
    await step(14_999);
    await step(15_000);
    expect(asked).toEqual([-LEASE, -LEASE, 15_000]);
  });

  it("spares from the start again when the database goes away during the grace", async () => {
    const { asked, step, setDown } = harness();
    await step(1_000);
    setDown(true);
    await expect(step(20_000)).rejects.toThrow();
    setDown(false);
    await step(25_000);
    setDown(true);
    await expect(step(30_000)).rejects.toThrow();
    setDown(false);
    await step(35_000);
    await step(49_999);
    await step(50_000);
    expect(asked).toEqual([1_000, 1_000, 25_000, 25_000, 50_000]);
  });
});
