/**
 * When leases are taken to have run out. An instance renews its jobs' leases in the database; while the
 * database cannot be reached nobody can, so a lease running out then says nothing about its instance. Once
 * the database answers again, the instances still alive get a whole lease to renew theirs before any lease
 * that ran out during the outage is taken for a dead instance's: otherwise an outage a little longer than a
 * lease would end every running generation on every healthy instance as "the server stopped". An instance
 * that starts on a shared database (`startUpGrace`) may be starting because the database has just come back
 * (it could not start before), so it begins as after an outage. Each outage spares only what ran out since
 * the last time the database answered, so failures that keep coming back do not spare a dead instance's
 * leases for ever. Pure.
 */
export const createLeaseExpiry = (expire: (now: number, ranOutBefore: number) => Promise<unknown>, leaseMs: number, startedAt: number, startUpGrace: boolean) => {
  /** When a lease step last reached the database. */
  let reached = startedAt;
  let away = false;
  /** While an outage lasts and for a lease after it: leases that ran out before this are over, later ones spared. */
  let outageFrom = startedAt - leaseMs;
  let graceUntil = startUpGrace ? startedAt + leaseMs : Number.NEGATIVE_INFINITY;
  return async (now: number): Promise<void> => {
    try {
      await expire(now, away || now < graceUntil ? outageFrom : now);
    } catch (error) {
      if (!away) outageFrom = reached;
      away = true;
      throw error;
    }
    if (away) graceUntil = now + leaseMs;
    away = false;
    reached = now;
  };
};
