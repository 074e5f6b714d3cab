import type { Pool } from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { CLIENT_ADDRESS_HEADER } from "../access/client-address";
import { AppError } from "../errors";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** Where a limit keeps its counts: `name` tells one limit's keys from another's. */
export type Counters = (name: string, perMinute: number) => RateLimiterAbstract;

/** In this process: a restart forgives, which is fine for a rate (the daily budget lives in the database). */
export const memoryCounters: Counters = (_name, perMinute) => new RateLimiterMemory({ points: perMinute, duration: 60 });

/**
 * In PostgreSQL, shared by every instance: one atomic upsert per event, in the `rate_limits` table the
 * migrations create. Should the database fail to answer, each instance falls back to counting alone.
 */
export const postgresCounters =
  (pool: Pool): Counters =>
  (name, perMinute) =>
    new RateLimiterPostgres({
      storeClient: pool,
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: name,
      points: perMinute,
      duration: 60,
      insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
    });

/**
 * A limit's turn: taken, or refused with the app's 429; `check` says whether a turn would be refused, taking
 * none; `giveBack` returns turns taken for work that was then refused (nothing started).
 */
export type RateLimit = ((key: string, points?: number) => Promise<void>) & {
  readonly check: (key: string, points?: number) => Promise<void>;
  readonly giveBack: (key: string, points?: number) => Promise<void>;
};

/**
 * Takes the turns, then does the work; work refused (busy, the day's budget spent, a column that cannot be
 * retried) gives them back, so a client told "try again" is not also held back for having tried.
 */
export const withTurns = async <T>(limit: RateLimit, key: string, points: number, work: () => Promise<T>): Promise<T> => {
  await limit(key, points);
  try {
    return await work();
  } catch (error) {
    await limit.giveBack(key, points).catch(() => undefined);
    throw error;
  }
};

/** So many events per key per minute, refused with the app's 429 and how long to wait. */
const createRateLimit = (perMinute: number, refusal: (seconds: string) => string, counters: Counters, name: string): RateLimit => {
  const limiter = counters(name, perMinute);
  const refuse = (msBeforeNext: number) => {
    const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    return new AppError("too_many_requests", refusal(plural(seconds, "second")), { retryAfterSeconds: seconds });
  };
  const take = async (key: string, points = 1): Promise<void> => {
    try {
      await limiter.consume(key, Math.min(points, perMinute));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw refuse(rejection.msBeforeNext);
    }
  };
  const check = async (key: string, points = 1): Promise<void> => {
    const held = await limiter.get(key);
    // A count whose minute is over (its record not yet cleared) is what the next turn starts afresh from.
    if (held && held.msBeforeNext > 0 && held.consumedPoints + Math.min(points, perMinute) > perMinute) throw refuse(held.msBeforeNext);
  };
  const giveBack = async (key: string, points = 1): Promise<void> => {
    await limiter.reward(key, Math.min(points, perMinute));
  };
  return Object.assign(take, { check, giveBack });
};

/**
 * Counts generations, not requests: a comparison of 4 models takes 4 (`points`). A set larger than a minute's
 * worth (a grid, a batch) takes the whole minute rather than being refused forever: its cells are queued, and
 * the cap on calls in flight paces them.
 */
export const createGenerationRateLimit = (perMinute: number, counters: Counters = memoryCounters) =>
  createRateLimit(perMinute, (wait) => `You have started ${perMinute} generations in the last minute, the most allowed here. Try again in ${wait}.`, counters, "generations");

/** Votes from one address: a person votes a few a minute; a script voting on and on from one place is held back. */
export const createVoteLimit = (perMinute = 60, counters: Counters = memoryCounters) =>
  createRateLimit(perMinute, (wait) => `${perMinute} votes have come from this address in the last minute, the most allowed. Try again in ${wait}.`, counters, "votes");

/**
 * Edit inputs put on record: cheap next to a generation, but each is up to 10 MB on disk until a day after it
 * was last chosen or used (lib/history/storage.ts), so a script cannot fill the disk faster than this.
 */
export const createUploadLimit = (perMinute = 30, counters: Counters = memoryCounters) =>
  createRateLimit(perMinute, (wait) => `You have added ${perMinute} input images in the last minute, the most allowed here. Try again in ${wait}.`, counters, "uploads");

/**
 * Connection checks: each sends a probe per model to the gateway, so a few a minute per client, and a ceiling
 * for everyone together, keep the check itself from being a burst the gateway throttles.
 */
export const createCheckLimit = (perClient = 4, overall = 12, counters: Counters = memoryCounters) => {
  const byClient = createRateLimit(perClient, (wait) => `You have checked the connection ${perClient} times in the last minute, the most allowed here. Try again in ${wait}.`, counters, "checks");
  const everyone = createRateLimit(overall, (wait) => `The connection has been checked ${overall} times in the last minute on this playground. Try again in ${wait}.`, counters, "checks-all");
  return async (key: string): Promise<void> => {
    await byClient(key);
    await everyone("all");
  };
};

/** Password guesses: a few per address, and a ceiling for everyone together (addresses can be forged). */
export const createSignInLimit = (perAddress = 5, overall = 30, counters: Counters = memoryCounters) => {
  const byAddress = createRateLimit(perAddress, (wait) => `Too many sign-in attempts. Try again in ${wait}.`, counters, "sign-ins");
  const everyone = createRateLimit(overall, (wait) => `Too many sign-in attempts on this playground. Try again in ${wait}.`, counters, "sign-ins-all");
  return async (address: string): Promise<void> => {
    await byAddress(address);
    await everyone("all");
  };
};

/**
 * Whom a request counts against: the signed-in session when there is a gate; otherwise the client's address
 * as the server itself wrote it (lib/access/stamp-client.ts): the socket's, or what the trusted proxies saw.
 */
export const clientKey = (request: Request, sessionId: string | null): string =>
  sessionId ? `session:${sessionId}` : `address:${request.headers.get(CLIENT_ADDRESS_HEADER) || "unknown"}`;

/**
 * At most `limit` of some heavy work at once (decoding an upload holds up to 10 MB of body and tens of MB
 * of pixels); beyond it a request is refused at once, before it holds any memory. Taking a slot answers the
 * function that gives it back.
 */
export const createSlots = (limit: number, refusal: () => AppError) => {
  let taken = 0;
  return (): (() => void) => {
    if (taken >= limit) throw refusal();
    taken++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      taken--;
    };
  };
};

/**
 * Uploads arriving at once, at their senders' pace (a phone's weak uplink takes a minute for 10 MB): their
 * bodies are held in memory, so they are bounded too, but well past the decodes, which a slow upload never
 * holds up.
 */
export const createArrivalSlots = (limit = 8) =>
  createSlots(limit, () => new AppError("busy", `${limit} input images are arriving right now, the most at once here. Try again in a few seconds.`, { retryAfterSeconds: 5 }));

/** Uploads checked and decoded at once: as many as the machine has cores to decode them with. */
export const createDecodeSlots = (limit = 2) =>
  createSlots(limit, () => new AppError("busy", `${limit} input images are being checked right now, the most at once here. Try again in a few seconds.`, { retryAfterSeconds: 2 }));
