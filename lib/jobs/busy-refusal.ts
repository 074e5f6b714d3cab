import { AppError } from "../errors";
import type { InFlight } from "../store/types";
import * as refusals from "./refusals";

/** How soon to try again when the cap is full of running calls: nothing says when one ends. */
const RUNNING_RETRY_SECONDS = 5;

/**
 * Why a generation is turned away at the cap, and when to try again. Where calls that may still be at work at
 * the gateway hold places the running ones leave, there is room only once enough of their lingers end (more
 * than one where more are held than the cap has, as after it was lowered): that is said, and is the
 * Retry-After, since asking every few seconds until then only fails.
 */
export const busyRefusal = ({ running, lingering, freeAt }: InFlight, maxConcurrent: number, now: number): AppError => {
  // How many held places must free for one more call to fit: at least one, at most all held, as running < max.
  const mustFree = running + lingering + 1 - maxConcurrent;
  const roomAt = freeAt[Math.min(mustFree, freeAt.length) - 1];
  if (lingering === 0 || roomAt === undefined || running >= maxConcurrent)
    return new AppError("busy", refusals.busy(maxConcurrent), { retryAfterSeconds: RUNNING_RETRY_SECONDS });
  const seconds = Math.max(1, Math.ceil((roomAt - now) / 1000));
  return new AppError("busy", refusals.heldPlaces(maxConcurrent, Math.min(lingering, maxConcurrent - running), seconds), { retryAfterSeconds: seconds });
};
