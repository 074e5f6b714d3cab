/**
 * When leases are taken to have run out. An instance renews its jobs' leases in the database; while the
 * database cannot be reached nobody can, so a lease running out then says nothing about its instance. Once
 * the database answers again, the instances still alive get a whole lease to renew theirs before any lease
 * that ran out meanwhile is taken for a dead instance's: otherwise an outage a little longer than a lease
 * would end every running generation on every healthy instance as "the server stopped". Pure.
 */
export const createLeaseExpiry = (expire: (now: number, ranOutBefore: number) => Promise<unknown>, leaseMs: number, startedAt: number) => {
  /**
   * When a lease step last reached the database outside an outage and its grace (at first, when the process
   * started and ended the leases run out by then): leases that ran out before it are over.
   */
  let reached = startedAt;
  let away = false;
  let graceUntil = Number.NEGATIVE_INFINITY;
  return async (now: number): Promise<void> => {
    const sparing = away || now < graceUntil;
    try {
      await expire(now, sparing ? reached : now);
    } catch (error) {
      away = true;
      throw error;
    }
    if (away) {
      away = false;
      graceUntil = now + leaseMs;
    } else if (!sparing) reached = now;
  };
};
