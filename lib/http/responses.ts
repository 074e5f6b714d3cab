import { AppError, toAppError } from "../errors";
import { redact } from "../gateway/redact";

/** Runs a route's work and turns whatever it throws into the app's error response. */
export const respond = async (work: () => Promise<Response>): Promise<Response> => {
  try {
    return await work();
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "internal_error") console.error(redact(error instanceof Error ? (error.stack ?? error.message) : String(error)));
    return appError.toResponse();
  }
};

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });

export const notFound = (what: string) => new AppError("not_found", `${what} does not exist (it may have been deleted).`);
