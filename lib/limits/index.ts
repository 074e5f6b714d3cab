import "server-only";
import { getAccess } from "../access/gate";
import { createGenerationRateLimit } from "./rate-limit";

const SLOT = Symbol.for("onetoken-playground.rate-limit");
type Slot = { [SLOT]?: Promise<(clientKey: string) => Promise<void>> };

/** The process's one generation rate limiter, sized from RATE_LIMIT_PER_MINUTE. */
export const getGenerationRateLimit = (): Promise<(clientKey: string) => Promise<void>> => {
  const slot = globalThis as Slot;
  slot[SLOT] ??= getAccess().then(({ config }) => createGenerationRateLimit(config.ratePerMinute));
  return slot[SLOT];
};
