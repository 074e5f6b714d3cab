import type { Pool } from "pg";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/** A minute's count of events per key: what a limit asks of where its counts are kept. */
export type Counter = {
  /** Counts `points` more; answers the count, or rejects with it (a RateLimiterRes) once past the minute's. */
  consume(key: string, points: number): Promise<RateLimiterRes>;
  reward(key: string, points: number): Promise<unknown>;
  /** The count of the minute under way, or null when none is. */
  get(key: string): Promise<RateLimiterRes | null>;
};

export const MINUTE_MS = 60_000;
/** How often counts whose minute ended an hour ago are deleted, by each instance. */
const SWEEP_MS = 5 * 60_000;
/**
 * The database's time, fixed for the statement. Every instance sharing the counts judges a minute by it: an
 * instance whose clock ran ahead would otherwise end another's minute early and let a client in again.
 */
const NOW = "(EXTRACT(EPOCH FROM statement_timestamp()) * 1000)::bigint";

type Row = { points: number; ms_before_next: string | number };

const sweeping = new WeakSet<Pool>();

const sweep = (pool: Pool) => {
  if (sweeping.has(pool)) return;
  sweeping.add(pool);
  const timer = setInterval(() => {
    pool.query(`DELETE FROM rate_limits WHERE expire < ${NOW} - 3600000`).catch(() => undefined);
  }, SWEEP_MS);
  timer.unref();
};

/**
 * Counts in PostgreSQL, shared by every instance: one atomic upsert per event, in the `rate_limits` table the
 * migrations create, with keys written as rate-limiter-flexible writes them (`name:key`), so instances of
 * before this change count with these. Should the database fail to answer, each instance counts alone.
 */
export const postgresCounter = (pool: Pool, name: string, perMinute: number): Counter => {
  sweep(pool);
  const alone = new RateLimiterMemory({ points: perMinute, duration: MINUTE_MS / 1000 });
  const counted = (row: Row, firstInMinute = false) =>
    new RateLimiterRes(Math.max(perMinute - row.points, 0), Math.max(Number(row.ms_before_next), 0), row.points, firstInMinute);
  const keyOf = (key: string) => `${name}:${key}`;

  const consume = async (key: string, points: number): Promise<RateLimiterRes> => {
    let row: Row | undefined;
    try {
      // A minute that ended (or a row without one) starts afresh at this event; otherwise the event is added.
      const result = await pool.query<Row>({
        name: "rate-limit-consume",
        text: `INSERT INTO rate_limits AS held (key, points, expire) VALUES ($1, $2, ${NOW} + ${MINUTE_MS})
               ON CONFLICT (key) DO UPDATE SET
                 points = CASE WHEN held.expire IS NULL OR held.expire <= ${NOW} THEN EXCLUDED.points ELSE held.points + EXCLUDED.points END,
                 expire = CASE WHEN held.expire IS NULL OR held.expire <= ${NOW} THEN EXCLUDED.expire ELSE held.expire END
               RETURNING points, expire - ${NOW} AS ms_before_next`,
        values: [keyOf(key), points],
      });
      row = result.rows[0];
    } catch {
      return alone.consume(key, points);
    }
    if (!row) throw new Error("The rate limit's count was not returned.");
    const res = counted(row, row.points === points);
    if (row.points > perMinute) throw res;
    return res;
  };

  return {
    consume,
    async reward(key, points) {
      try {
        await pool.query({ name: "rate-limit-reward", text: `UPDATE rate_limits SET points = GREATEST(points - $2, 0) WHERE key = $1 AND expire > ${NOW}`, values: [keyOf(key), points] });
      } catch {
        await alone.reward(key, points);
      }
    },
    async get(key) {
      try {
        const { rows } = await pool.query<Row>({ name: "rate-limit-get", text: `SELECT points, expire - ${NOW} AS ms_before_next FROM rate_limits WHERE key = $1 AND expire > ${NOW}`, values: [keyOf(key)] });
        const row = rows[0];
        return row ? counted(row) : null;
      } catch {
        return alone.get(key);
      }
    },
  };
};
