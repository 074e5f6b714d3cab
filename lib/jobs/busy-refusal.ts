import { AppError } from "../errors";
import type { InFlight } from "../store/types";
import * as refusals from "./refusals";

/** How soon to try again when the cap is full of running calls: nothing says when one ends. */
const RUNNING_RETRY_SECONDS = 5;

/**
 * Why a generation is turned away at the cap, and when to try again. Where calls that may still be at work at
 * the gateway hold places the running ones leave, a place frees only when the first of their lingers ends:
 * that is said, and is the Retry-After, since asking every few seconds until then only fails.
 */
export const busyRefusal = ({ running, lingering, firstFreeAt }: InFlight, maxConcurrent: number, now: number): AppError => {
  if (lingering === 0 || firstFreeAt === null || running >= maxConcurrent)
    return new AppError("busy", refusals.busy(maxConcurrent), { retryAfterSeconds: RUNNING_RETRY_SECONDS });
  const seconds = Math.max(1, Math.ceil((firstFreeAt - now) / 1000));
  return new AppError("busy", refusals.heldPlaces(maxConcurrent, Math.min(lingering, maxConcurrent - running), seconds), { retryAfterSeconds: seconds });
};
