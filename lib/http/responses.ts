import { AppError, toAppError } from "../errors";
import { redact } from "../gateway/redact";
import { OUTAGE_RETRY_SECONDS, DATABASE_UNREACHED, neverReachedDatabase } from "../store/unreachable";

/**
 * Runs a route's work and turns whatever it throws into the app's error response. A database that cannot be
 * reached (restarting, failing over) is said as such, with when to try again, and logged in a line: during an
 * outage every request meets it, and a stack trace each says nothing more.
 */
export const respond = async (work: () => Promise<Response>): Promise<Response> => {
  try {
    return await work();
  } catch (error) {
    if (neverReachedDatabase(error)) {
      logUnreached("a request", error);
      return new AppError("database_unavailable", DATABASE_UNREACHED, { retryAfterSeconds: OUTAGE_RETRY_SECONDS, cause: error }).toResponse();
    }
    const appError = toAppError(error);
    if (appError.code === "internal_error") console.error(redact(error instanceof Error ? (error.stack ?? error.message) : String(error)));
    // The image bucket away: a line with its reason, as for the database.
    if (appError.code === "storage_unavailable") console.error(redact(`a request found the image store unreachable: ${String(appError.cause ?? appError.message)}`));
    return appError.toResponse();
  }
};

/** One line: during an outage every request and page meets it, and a stack trace each would say nothing more. */
export const logUnreached = (what: string, error: unknown): void => console.error(redact(`${what} found the database unreachable: ${String(error)}`));

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });

export const notFound = (what: string) => new AppError("not_found", `${what} does not exist (it may have been deleted).`);
