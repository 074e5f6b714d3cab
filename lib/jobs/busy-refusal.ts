import { AppError } from "../errors";
import type { InFlight } from "../store/types";
import * as refusals from "./refusals";

/** How soon to try again when running calls can make room: nothing says when one ends. */
const RUNNING_RETRY_SECONDS = 5;

/**
 * Why a generation is turned away at the cap, and when to try again. A place frees when any call in flight
 * ends, so while running calls alone could make room one may free at any moment: a few seconds, whatever holds
 * the rest. Only where held places must free too (none runs, or more are held than the cap has, as after it was
 * lowered) is there a time to say: when enough of their lingers have ended for one more call to fit, which is
 * the Retry-After, since asking every few seconds until then only fails.
 */
export const busyRefusal = ({ running, lingering, freeAt }: InFlight, maxConcurrent: number, now: number): AppError => {
  const retryShortly = (message: string) => new AppError("busy", message, { retryAfterSeconds: RUNNING_RETRY_SECONDS });
  if (lingering === 0 || running >= maxConcurrent) return retryShortly(refusals.busy(maxConcurrent));
  // The cap's places the held calls take: the rest run, as running < max.
  const held = Math.min(lingering, maxConcurrent - running);
  // How many calls must end for one more to fit: at least one.
  const mustFree = running + lingering + 1 - maxConcurrent;
  if (running >= mustFree) return retryShortly(refusals.heldAmongRunning(maxConcurrent, held));
  // Running calls may never end first: the held ones alone surely make room at the mustFree-th end.
  const roomAt = freeAt[Math.min(mustFree, freeAt.length) - 1];
  if (roomAt === undefined) return retryShortly(refusals.busy(maxConcurrent));
  const seconds = Math.max(1, Math.ceil((roomAt - now) / 1000));
  return new AppError("busy", refusals.heldPlaces(maxConcurrent, held, seconds), { retryAfterSeconds: seconds });
};
