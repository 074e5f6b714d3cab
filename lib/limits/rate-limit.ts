import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors";

/**
 * Generations per client per minute. In memory: a restart forgives, which is fine for a rate (the daily
 * budget, which must not reset, lives in the database).
 */
export const createGenerationRateLimit = (perMinute: number) => {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return async (clientKey: string): Promise<void> => {
    try {
      await limiter.consume(clientKey);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError(
        "too_many_requests",
        `You have started ${perMinute} generations in the last minute, the most allowed here. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
        { retryAfterSeconds: seconds },
      );
    }
  };
};

/**
 * Whom a request counts against: the signed-in session when there is a gate; otherwise the address the
 * server saw (Next fills X-Forwarded-For from the socket when no proxy set it). Without a gate a client can
 * forge that header, so the global concurrency cap and the daily budget are what bound the spend.
 */
export const clientKey = (request: Request, sessionId: string | null): string =>
  sessionId ? `session:${sessionId}` : `address:${request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown"}`;
