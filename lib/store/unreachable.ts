import { tryAgainAfter } from "../try-again";

/**
 * Whether a failure to connect to the database proves that nothing was done: the connection could not be made
 * (refused, no such host, no answer within the connect timeout), or the server said as it was reached that it
 * takes no connections now (starting up, shutting down, in recovery). A write that failed so can be tried again
 * without doing it twice. A connection lost in the middle of a statement proves nothing (its commit may have
 * been made), so it is not one of these.
 */
const NOT_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
/** PostgreSQL's cannot_connect_now: "the database system is starting up" (or shutting down, or in recovery). */
const TAKES_NO_CONNECTIONS = "57P03";
/** pg-pool's and pg's own words for a connection not made within `connectionTimeoutMillis`. */
const CONNECT_TIMEOUTS = ["timeout exceeded when trying to connect", "Connection terminated due to connection timeout"];

const provesNothingDone = (error: object): boolean => {
  const code = "code" in error ? error.code : undefined;
  if (typeof code === "string" && (NOT_CONNECTED.has(code) || code === TAKES_NO_CONNECTIONS)) return true;
  return error instanceof Error && CONNECT_TIMEOUTS.includes(error.message);
};

/**
 * Marked by the database's own pool, where a connection is asked for: a refused connection to the image bucket
 * (or anything else) has the same codes, and must not be said to be the database's. A symbol for the process,
 * as each bundle of the server has its own copy of this module.
 */
const UNREACHED = Symbol.for("onetoken-playground.database-unreached");

/** A failure to connect to the database, marked when it proves nothing was done; answered as it came. */
export const markUnreached = <E>(error: E): E => {
  if (typeof error === "object" && error !== null && provesNothingDone(error)) Object.defineProperty(error, UNREACHED, { value: true });
  return error;
};

/** An error said in other words (`said`, with `cause` as its cause) keeps the cause's mark. */
export const sayUnreached = (said: Error, cause: unknown): Error => {
  if (neverReachedDatabase(cause)) Object.defineProperty(said, UNREACHED, { value: true });
  return said;
};

/** Whether the database could not be reached for what failed with `error`, so nothing of it was done. */
export const neverReachedDatabase = (error: unknown): boolean => typeof error === "object" && error !== null && UNREACHED in error;

/** The waits before each further try of a write the database could not be reached for: about half a minute in all. */
export const UNREACHED_BACKOFF_MS: readonly number[] = [500, 1_000, 2_000, 4_000, 8_000, 15_000];

/**
 * Runs a write, and runs it again while the database cannot be reached (a restart, a failover, a blip of the
 * network): for what must not be lost, such as a result the gateway has billed. Any other failure, or the
 * last try's, is thrown.
 */
export const retryUnreached = <T>(what: string, write: () => Promise<T>, backoffMs: readonly number[] = UNREACHED_BACKOFF_MS): Promise<T> =>
  tryAgainAfter(write, backoffMs, neverReachedDatabase, (error, attempt, wait) =>
    console.warn(`${what}: the database could not be reached (try ${attempt} of ${backoffMs.length + 1}); trying again in ${wait} ms: ${String(error)}`),
  );

/** A request's answer when the database could not be reached for it. */
export const DATABASE_UNREACHED = "The playground's database cannot be reached right now (it may be restarting). Try again in a few seconds.";
export const OUTAGE_RETRY_SECONDS = 5;
/** A stored image's read when the image bucket could not be reached or failed (a restart, an outage). */
export const BUCKET_UNREACHED = "The image store cannot be reached right now (it may be restarting). Try again in a few seconds.";
