import type { Pool } from "pg";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { CLIENT_ADDRESS_HEADER, limitAddress } from "../access/client-address";
import { PEOPLE_PER_ADDRESS } from "../access/config";
import { AppError } from "../errors";
import { englishCount } from "../text/english-count";
import { MINUTE_MS, postgresCounter, type Counter } from "./postgres-counters";

/** Where a limit keeps its counts: `name` tells one limit's keys from another's; a window is a minute unless told. */
export type Counters = (name: string, perWindow: number) => Counter;

const HOUR_MS = 60 * MINUTE_MS;

/** In this process: a restart forgives, which is fine for a rate (the daily budget lives in the database). */
export const memoryCounters: Counters = (_name, perWindow) => new RateLimiterMemory({ points: perWindow, duration: MINUTE_MS / 1000 });

/** In PostgreSQL, shared by every instance, by the database's clock (lib/limits/postgres-counters.ts). */
export const postgresCounters =
  (pool: Pool): Counters =>
  (name, perWindow) =>
    postgresCounter(pool, name, perWindow);

type Turn = { readonly giveBack: () => Promise<void> };

/**
 * A limit's turn: taken, or refused with the app's 429; `check` says whether a turn would be refused, taking
 * none; `turn` takes one that can be given back while its minute lasts (`withTurns`).
 */
export type RateLimit<Key = string> = ((key: Key, points?: number) => Promise<void>) & {
  readonly check: (key: Key, points?: number) => Promise<void>;
  readonly turn: (key: Key, points?: number) => Promise<Turn>;
};

/** Refusals that prove nothing was started: the cap on work at once was full, or the day's budget spent. */
const NOTHING_STARTED: ReadonlySet<string> = new Set(["busy", "daily_limit_reached"]);

/**
 * Takes the turns, then does the work; work refused for being busy or for the day's budget gives them back,
 * so a client told "try again" is not also held back for having tried. Any other failure keeps them: the
 * work it refused (a damaged upload decoded whole, say) was done.
 */
export const withTurns = async <Key, T>(limit: RateLimit<Key>, key: Key, points: number, work: () => Promise<T>): Promise<T> => {
  const turn = await limit.turn(key, points);
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && NOTHING_STARTED.has(error.code)) await turn.giveBack().catch(() => undefined);
    throw error;
  }
};

/** A limit of one count per key, and how many turns that count holds a window. */
type CountedLimit = RateLimit & { readonly perWindow: number };

/**
 * A limit's refusal, the app's 429 with how long to wait: in seconds for a minute's limit, in minutes for a
 * longer one (no one counts down 3,000 seconds).
 */
const limitRefusal = (windowMs: number, refusal: (wait: string) => string, msBeforeNext: number): AppError => {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const wait = windowMs > MINUTE_MS ? englishCount(Math.ceil(seconds / 60), "minute") : englishCount(seconds, "second");
  return new AppError("too_many_requests", refusal(wait), { retryAfterSeconds: seconds });
};

/** So many events per key a minute, refused with `limitRefusal`. */
const createRateLimit = (perWindow: number, refusal: (wait: string) => string, counters: Counters, name: string): CountedLimit => {
  const limiter = counters(name, perWindow);
  const refuse = (msBeforeNext: number) => limitRefusal(MINUTE_MS, refusal, msBeforeNext);
  const consume = async (key: string, points: number): Promise<RateLimiterRes> => {
    try {
      return await limiter.consume(key, Math.min(points, perWindow));
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
      // Only within the window it was taken in: given back to a window since started afresh, it would be one more.
      giveBack: async () => {
        if (Date.now() < ends) await limiter.reward(key, Math.min(points, perWindow));
      },
    };
  };
  const check = async (key: string, points = 1): Promise<void> => {
    const held = await limiter.get(key);
    // A count whose window is over (its record not yet cleared) is what the next turn starts afresh from.
    if (held && held.msBeforeNext > 0 && held.consumedPoints + Math.min(points, perWindow) > perWindow) throw refuse(held.msBeforeNext);
  };
  return Object.assign(take, { check, turn, perWindow });
};

/**
 * A turn of several limits, each under its own key, taken as one: a limit that refuses gives back the turns
 * the ones before it took, so a refusal by any (a ceiling for everyone, say) costs the client nothing in the
 * others. No turn counts for more than `most` in any of them.
 */
const allOf = <Key>(parts: (key: Key) => ReadonlyArray<readonly [RateLimit, string]>, most = Number.POSITIVE_INFINITY): RateLimit<Key> => {
  const turn = async (key: Key, points = 1): Promise<Turn> => {
    const taken: Turn[] = [];
    for (const [limit, one] of parts(key)) {
      try {
        taken.push(await limit.turn(one, Math.min(points, most)));
      } catch (error) {
        await Promise.all(taken.map((done) => done.giveBack().catch(() => undefined)));
        throw error;
      }
    }
    return { giveBack: async () => void (await Promise.all(taken.map((done) => done.giveBack()))) };
  };
  const check = async (key: Key, points = 1): Promise<void> => {
    for (const [limit, one] of parts(key)) await limit.check(one, Math.min(points, most));
  };
  return Object.assign(async (key: Key, points?: number) => void (await turn(key, points)), { check, turn });
};

/** Whom a request counts against: its signed-in session (null without a gate) and the address it comes from. */
export type ClientKey = { readonly session: string | null; readonly address: string };

/**
 * What a client counts against so that signing in again renews nothing: a signed-in client counts against its
 * session and its address, all or nothing. The session alone would start afresh at every sign-in, and the
 * address alone at every change of network. The address has its own, larger count (`byAddress`), so people
 * behind one office's address are not held to one person's; without a gate the address is all that tells
 * clients apart, and it counts at the client's size.
 */
const clientParts =
  <Part>(byClient: Part, byAddress: Part) =>
  ({ session, address }: ClientKey): ReadonlyArray<readonly [Part, string]> =>
    session === null ? [[byClient, address]] : [[byClient, session], [byAddress, address]];

/**
 * A per-client limit that signing in again does not renew (`clientParts`). A set larger than a client's minute
 * takes that minute and as much of its address's, not the whole of the address's: one person's grid does not
 * hold up the colleagues behind the same address.
 */
export const perClient = (byClient: CountedLimit, byAddress: RateLimit): RateLimit<ClientKey> => allOf(clientParts<RateLimit>(byClient, byAddress), byClient.perWindow);

/**
 * Counts generations, not requests: a comparison of 4 models takes 4 (`points`). A set larger than a minute's
 * worth (a grid, a batch) takes the whole minute rather than being refused forever: its cells are queued, and
 * the cap on calls in flight paces them.
 */
export const createGenerationRateLimit = (perMinute: number, counters: Counters = memoryCounters) =>
  createRateLimit(perMinute, (wait) => `At most ${englishCount(perMinute, "generation")} a minute may be started here (a download counts as one), and this would go past it. Try again in ${wait}.`, counters, "generations");

/** Generations started from one address by everyone signed in there (`perClient`). */
export const createGenerationAddressLimit = (perMinute: number, counters: Counters = memoryCounters) =>
  createRateLimit(perMinute, (wait) => `At most ${englishCount(perMinute, "generation")} a minute may be started from one address here, by everyone signed in there together, and this would go past it. Try again in ${wait}.`, counters, "generations-address");

/** Votes from one address: a person votes a few a minute; a script voting on and on from one place is held back. */
export const createVoteLimit = (perMinute = 60, counters: Counters = memoryCounters) =>
  createRateLimit(perMinute, (wait) => `${perMinute} votes have come from this address in the last minute, the most allowed. Try again in ${wait}.`, counters, "votes");

/**
 * The refusal of a voter new to a poll once their address has brought it `perHour` new voters in the last
 * hour; one more may come in `msBeforeNext`. A voter is a browser's cookie, so a script clearing it is a new
 * voter at every vote, up to the vote limit's 60 a minute; colleagues behind one office's address are each a
 * new voter too, so the count is sized for a room of them (lib/access/config.ts). They are counted with the
 * votes (the store's castVote), where a voter's first vote is told from their others.
 */
export const newVoterRefusal = (perHour: number, msBeforeNext: number): AppError =>
  limitRefusal(
    HOUR_MS,
    (wait) => `At most ${englishCount(perHour, "new voter")} an hour may vote on this poll from one address, and that many have from yours already. Try again in ${wait}.`,
    msBeforeNext,
  );

const UPLOADS_PER_MINUTE = 30;

/**
 * Edit inputs put on record: cheap next to a generation, but each is up to 10 MB on disk until a day after it
 * was last chosen or used (lib/history/storage.ts), so a script cannot fill the disk faster than this.
 */
export const createUploadLimit = (perMinute = UPLOADS_PER_MINUTE, counters: Counters = memoryCounters) =>
  createRateLimit(perMinute, (wait) => `At most ${englishCount(perMinute, "input image")} a minute may be added here, and this would go past it. Try again in ${wait}.`, counters, "uploads");

/** Edit inputs added from one address by everyone signed in there (`perClient`). */
export const createUploadAddressLimit = (perMinute = UPLOADS_PER_MINUTE * PEOPLE_PER_ADDRESS, counters: Counters = memoryCounters) =>
  createRateLimit(perMinute, (wait) => `At most ${englishCount(perMinute, "input image")} a minute may be added from one address here, by everyone signed in there together, and this would go past it. Try again in ${wait}.`, counters, "uploads-address");

/**
 * Connection checks: each sends a probe per model to the gateway, so a few a minute per client, and a ceiling
 * for everyone together, keep the check itself from being a burst the gateway throttles.
 */
export const createCheckLimit = (perClient = 4, overall = 12, counters: Counters = memoryCounters) => {
  const byClient = createRateLimit(perClient, (wait) => `You have checked the connection ${perClient} times in the last minute, the most allowed here. Try again in ${wait}.`, counters, "checks");
  const everyone = createRateLimit(overall, (wait) => `The connection has been checked ${overall} times in the last minute on this playground. Try again in ${wait}.`, counters, "checks-all");
  return allOf((key: string) => [[byClient, key], [everyone, "all"]]);
};

/** Password guesses: a few per address, and a ceiling for everyone together (addresses can be forged). */
export const createSignInLimit = (perAddress = 5, overall = 30, counters: Counters = memoryCounters) => {
  const byAddress = createRateLimit(perAddress, (wait) => `Too many sign-in attempts. Try again in ${wait}.`, counters, "sign-ins");
  const everyone = createRateLimit(overall, (wait) => `Too many sign-in attempts on this playground. Try again in ${wait}.`, counters, "sign-ins-all");
  return allOf((address: string) => [[byAddress, address], [everyone, "all"]]);
};

/**
 * The client's address as a limit's key: the one the server itself wrote (lib/access/stamp-client.ts), the
 * socket's or what the trusted proxies saw, as limits count it (an IPv6 address by its /64).
 */
export const addressKey = (request: Request): string => `address:${limitAddress(request.headers.get(CLIENT_ADDRESS_HEADER) || "unknown")}`;

/** Whom a request counts against: the signed-in session when there is a gate, and its address. */
export const clientKey = (request: Request, sessionId: string | null): ClientKey => ({ session: sessionId ? `session:${sessionId}` : null, address: addressKey(request) });

/**
 * One key for a client: the session when signed in, else the address. For what is counted per client under a
 * ceiling for everyone no higher than a few people's worth (connection checks, an input's share of the room):
 * an address's own count, sized for a few people, would never be the one that binds.
 */
export const sessionOrAddress = ({ session, address }: ClientKey): string => session ?? address;

/** Takes a slot (held against `key`'s caps, when slots are counted per client too); answers the function that frees it. */
export type Slots<Key = never> = (key?: Key) => Promise<() => void>;

/** The most slots one key may hold at once, refused at once past that. */
export type SlotCap = { readonly most: number; readonly refusal: () => AppError };

/**
 * At most `limit` of some heavy work at once (an upload's body in memory, a decode's tens of MB of pixels).
 * Past it a request waits up to `waitMs` for a slot to free, in turn, then is refused. A key's slot is held
 * against each of the caps `caps` names for it (each under its own key, as `allOf` counts turns), and refused
 * at once by the first that is full.
 */
export const createSlots = <Key = never>(
  limit: number,
  refusal: () => AppError,
  { waitMs = 0, caps = () => [] }: { waitMs?: number; caps?: (key: Key) => ReadonlyArray<readonly [SlotCap, string]> } = {},
): Slots<Key> => {
  let taken = 0;
  const held = new Map<SlotCap, Map<string, number>>();
  const count = (cap: SlotCap, one: string) => held.get(cap)?.get(one) ?? 0;
  const add = (holds: ReadonlyArray<readonly [SlotCap, string]>, change: number) => {
    for (const [cap, one] of holds) {
      const counts = held.get(cap) ?? new Map<string, number>();
      const next = count(cap, one) + change;
      if (next > 0) counts.set(one, next);
      else counts.delete(one);
      held.set(cap, counts);
    }
  };
  const waiting: Array<() => void> = [];
  // A slot freed goes straight to the one waiting longest.
  const free = () => {
    const next = waiting.shift();
    if (next) next();
    else taken--;
  };
  return async (key) => {
    const holds = key === undefined ? [] : caps(key);
    const full = holds.find(([cap, one]) => count(cap, one) >= cap.most);
    if (full) throw full[0].refusal();
    // Counted for its client while it waits too: one client cannot queue past its cap.
    add(holds, 1);
    const forget = () => add(holds, -1);
    if (taken < limit) taken++;
    else if (waitMs <= 0) {
      forget();
      throw refusal();
    } else
      await new Promise<void>((resolve, reject) => {
        const turn = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(turn), 1);
          forget();
          reject(refusal());
        }, waitMs);
        waiting.push(turn);
      });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      forget();
      free();
    };
  };
};

/** Does the work in one of these slots, freeing it however the work ends. */
export const inSlot = async <Key, T>(slots: Slots<Key>, key: Key | undefined, work: () => Promise<T>): Promise<T> => {
  const release = await slots(key);
  try {
    return await work();
  } finally {
    release();
  }
};

/**
 * Uploads arriving at once, at their senders' pace (a phone's weak uplink takes a minute for 10 MB): their
 * bodies are held in memory, so they are bounded, well past the decodes. One client holds at most 2, and one
 * address at most half of them however often it signs in (`clientParts`), so no one takes them all; an upload
 * not really arriving is dropped too (lib/limits/upload-arrival.ts), so a stalled one holds its place briefly.
 */
export const createArrivalSlots = (limit = 8, perClient = 2, perAddress = Math.max(1, Math.floor(limit / 2))): Slots<ClientKey> => {
  const byClient: SlotCap = {
    most: perClient,
    refusal: () => new AppError("busy", `${perClient} of your input images are still arriving, the most at once from one client. Wait for them, then try again.`, { retryAfterSeconds: 5 }),
  };
  const byAddress: SlotCap = {
    most: perAddress,
    refusal: () =>
      new AppError("busy", `${perAddress} input images are already arriving from your address, the most at once from one address, by everyone signed in there together. Try again in a few seconds.`, {
        retryAfterSeconds: 5,
      }),
  };
  return createSlots(limit, () => new AppError("busy", `${limit} input images are arriving right now, the most at once here. Try again in a few seconds.`, { retryAfterSeconds: 5 }), {
    caps: clientParts(byClient, byAddress),
  });
};

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
