import "server-only";
import { getAccess } from "../access/gate";
import { processSingleton } from "../process-singleton";
import { createCheckLimit, createDecodeSlots, createGenerationRateLimit, createSignInLimit, createUploadLimit } from "./rate-limit";

/** The process's one generation rate limiter, sized from RATE_LIMIT_PER_MINUTE. */
export const getGenerationRateLimit: () => Promise<(clientKey: string, generations?: number) => Promise<void>> = processSingleton("rate-limit", () =>
  getAccess().then(({ config }) => createGenerationRateLimit(config.ratePerMinute)),
);

/** The process's one limiter of edit inputs put on record. */
export const getUploadLimit: () => Promise<(clientKey: string) => Promise<void>> = processSingleton("upload-limit", async () => createUploadLimit());

/** The process's one limiter of password guesses. */
export const getSignInLimit: () => Promise<(address: string) => Promise<void>> = processSingleton("sign-in-limit", async () => createSignInLimit());

/** The process's one limiter of connection checks. */
export const getCheckLimit: () => Promise<(clientKey: string) => Promise<void>> = processSingleton("check-limit", async () => createCheckLimit());

/** The process's slots for decoding uploaded inputs. */
export const getDecodeSlots: () => Promise<() => () => void> = processSingleton("decode-slots", async () => createDecodeSlots());
