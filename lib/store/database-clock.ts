import { sql } from "kysely";
import type { SqlDatabase } from "./schema";

/** Milliseconds since the epoch, by the clock that every instance sharing the records agrees on. */
export type Clock = () => number;

export type DatabaseClock = {
  readonly now: Clock;
  /** How far the database's clock is ahead of this process's (negative: behind), as last measured. */
  readonly offsetMs: () => number;
  /** Measures the offset again; `now` also does so by itself, in the background, once a minute. */
  readonly measure: () => Promise<void>;
};

/** Round trips per measure: the fastest one says the most, as an NTP client keeps its best sample. */
const SAMPLES = 3;
const REFRESH_MS = 60_000;
/** An offset this large is worth a line in the log: it is what the database's clock spares the instances. */
const NOTABLE_MS = 1_000;

/**
 * The clock leases, lingering calls and the cap are judged by. Instances sharing PostgreSQL each write times
 * another reads (a lease's end, a call's linger), so each takes the database's clock: its own plus the offset
 * measured against the server, with the round trip halved. A clock a lease's length off would otherwise have
 * one instance interrupt another's live work, or overrun the cap. The embedded history has one process, and
 * keeps its own clock.
 */
export const databaseClock = async (database: SqlDatabase, localNow: Clock = Date.now): Promise<DatabaseClock> => {
  if (database.backend === "sqlite") return { now: localNow, offsetMs: () => 0, measure: async () => undefined };
  const { db } = database;
  let offset = 0;
  let measuredAt = Number.NEGATIVE_INFINITY;
  let measuring: Promise<void> | null = null;

  const sample = async () => {
    const sent = localNow();
    const { rows } = await sql<{ now: number | string }>`SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint AS now`.execute(db);
    const received = localNow();
    return { offset: Number(rows[0]?.now) - (sent + received) / 2, roundTrip: received - sent };
  };

  const measure = async () => {
    let best: { offset: number; roundTrip: number } | null = null;
    for (let index = 0; index < SAMPLES; index++) {
      const next = await sample();
      if (!best || next.roundTrip < best.roundTrip) best = next;
    }
    if (!best) return;
    const before = offset;
    offset = Math.round(best.offset);
    measuredAt = localNow();
    if (Math.abs(offset) >= NOTABLE_MS && Math.abs(offset - before) >= NOTABLE_MS) {
      console.warn(`This instance's clock is ${(Math.abs(offset) / 1000).toFixed(1)} s ${offset > 0 ? "behind" : "ahead of"} the database's: leases, lingering calls and the cap go by the database's.`);
    }
  };

  const refresh = () => {
    // Once a minute even when it fails: a database that is away is not asked on every tick.
    measuredAt = localNow();
    measuring ??= measure()
      .catch((error: unknown) => console.error(`measuring the database's clock failed (the last offset stands): ${String(error)}`))
      .finally(() => {
        measuring = null;
      });
  };

  await measure();
  return {
    now() {
      const local = localNow();
      if (local - measuredAt >= REFRESH_MS) refresh();
      return local + offset;
    },
    offsetMs: () => offset,
    measure,
  };
};
