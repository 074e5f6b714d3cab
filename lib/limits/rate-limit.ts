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
 * none; `turn` takes one that can be given back while its minute lasts (`withTurns`).
 */
export type RateLimit = ((key: string, points?: number) => Promise<void>) & {
  readonly check: (key: string, points?: number) => Promise<void>;
  readonly turn: (key: string, points?: number) => Promise<{ readonly giveBack: () => Promise<void> }>;
};

/** Refusals that prove nothing was started: the cap on work at once was full, or the day's budget spent. */
const NOTHING_STARTED: ReadonlySet<string> = new Set(["busy", "daily_limit_reached"]);

/**
 * Takes the turns, then does the work; work refused for being busy or for the day's budget gives them back,
 * so a client told "try again" is not also held back for having tried. Any other failure keeps them: the
 * work it refused (a damaged upload decoded whole, say) was done.
 */
export const withTurns = async <T>(limit: RateLimit, key: string, points: number, work: () => Promise<T>): Promise<T> => {
  const turn = await limit.turn(key, points);
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && NOTHING_STARTED.has(error.code)) await turn.giveBack().catch(() => undefined);
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
  const consume = async (key: string, points: number): Promise<RateLimiterRes> => {
    try {
      return await limiter.consume(key, Math.min(points, perMinute));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw refuse(rejection.msBeforeNext);
    }
  };
  const take = async (key: string, points = 1): Promise<void> => {
    await consume(key, points);
  };
  const turn = async (key: string, points = 1) => {
    const ends = Date.now() + (await consume(key, points)).msBeforeNext;
    return {
      // Only within the minute it was taken in: given back to a minute since started afresh, it would be one more.
      giveBack: async () => {
        if (Date.now() < ends) await limiter.reward(key, Math.min(points, perMinute));
      },
    };
  };
  const check = async (key: string, points = 1): Promise<void> => {
    const held = await limiter.get(key);
    // A count whose minute is over (its record not yet cleared) is what the next turn starts afresh from.
    if (held && held.msBeforeNext > 0 && held.consumedPoints + Math.min(points, perMinute) > perMinute) throw refuse(held.msBeforeNext);
  };
  return Object.assign(take, { check, turn });
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

/** Takes a slot (for `key`, when slots are counted per client too); answers the function that frees it. */
export type Slots = (key?: string) => Promise<() => void>;

/**
 * At most `limit` of some heavy work at once (an upload's body in memory, a decode's tens of MB of pixels).
 * Past it a request waits up to `waitMs` for a slot to free, in turn, then is refused; one client holds at
 * most `perKey` at once, refused at once past that.
 */
export const createSlots = (
  limit: number,
  refusal: () => AppError,
  { waitMs = 0, perKey = Number.POSITIVE_INFINITY, keyRefusal = refusal }: { waitMs?: number; perKey?: number; keyRefusal?: () => AppError } = {},
): Slots => {
  let taken = 0;
  const byKey = new Map<string, number>();
  const waiting: Array<() => void> = [];
  // A slot freed goes straight to the one waiting longest.
  const free = () => {
    const next = waiting.shift();
    if (next) next();
    else taken--;
  };
  const forget = (key: string | undefined) => {
    if (key === undefined) return;
    const left = (byKey.get(key) ?? 1) - 1;
    if (left > 0) byKey.set(key, left);
    else byKey.delete(key);
  };
  return async (key) => {
    if (key !== undefined && (byKey.get(key) ?? 0) >= perKey) throw keyRefusal();
    // Counted for its client while it waits too: one client cannot queue past its cap.
    if (key !== undefined) byKey.set(key, (byKey.get(key) ?? 0) + 1);
    if (taken < limit) taken++;
    else if (waitMs <= 0) {
      forget(key);
      throw refusal();
    } else
      await new Promise<void>((resolve, reject) => {
        const turn = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(turn), 1);
          forget(key);
          reject(refusal());
        }, waitMs);
        waiting.push(turn);
      });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      forget(key);
      free();
    };
  };
};

/** Does the work in one of these slots, freeing it however the work ends. */
export const inSlot = async <T>(slots: Slots, key: string | undefined, work: () => Promise<T>): Promise<T> => {
  const release = await slots(key);
  try {
    return await work();
  } finally {
    release();
  }
};

/** How long an upload's body may take to arrive: a minute and more for 10 MB on a phone's weak uplink. */
export const UPLOAD_ARRIVAL_MS = 120_000;

export const SLOW_UPLOAD = `The image did not finish arriving within ${UPLOAD_ARRIVAL_MS / 1000} seconds. Try again on a faster connection, or with a smaller file.`;

/**
 * Uploads arriving at once, at their senders' pace (a phone's weak uplink takes a minute for 10 MB): their
 * bodies are held in memory, so they are bounded, well past the decodes, and at most 2 from one client, so
 * one client's stalled uploads do not hold them all.
 */
export const createArrivalSlots = (limit = 8, perClient = 2) =>
  createSlots(limit, () => new AppError("busy", `${limit} input images are arriving right now, the most at once here. Try again in a few seconds.`, { retryAfterSeconds: 5 }), {
    perKey: perClient,
    keyRefusal: () => new AppError("busy", `${perClient} of your input images are still arriving, the most at once from one client. Wait for them, then try again.`, { retryAfterSeconds: 5 }),
  });

/**
 * Uploads checked and decoded at once: as many as the machine has cores to decode them with. A body already
 * here waits its turn (a decode takes a second or two) rather than be sent again.
 */
export const createDecodeSlots = (limit = 2, waitMs = 30_000) =>
  createSlots(limit, () => new AppError("busy", `${limit} input images are being checked right now, the most at once here. Try again in a few seconds.`, { retryAfterSeconds: 2 }), { waitMs });

/**
 * Slide decks built at once: one. A deck is made whole in memory (at its 300 pictures, about half a GB while
 * it is written), so a second waits for the first, up to about as long as a full one takes, then is refused.
 */
export const createDeckSlots = (waitMs = 60_000) =>
  createSlots(1, () => new AppError("busy", "Another slide deck is being made right now, and one is made at a time here. Try again in a minute.", { retryAfterSeconds: 30 }), { waitMs });
