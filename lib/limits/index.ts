import "server-only";
import { getAccess } from "../access/gate";
import { getStorage } from "../history/storage";
import { processSingleton } from "../process-singleton";
import { createArrivalSlots, createCheckLimit, createDeckSlots, createDecodeSlots, createGenerationAddressLimit, createGenerationRateLimit, createSignInLimit, createUploadAddressLimit, createUploadLimit, createVoteLimit, memoryCounters, perClient, postgresCounters, type ClientKey, type Counters, type RateLimit, type Slots } from "./rate-limit";

/** Counts kept beside the records: shared by every instance on PostgreSQL, this process's own otherwise. */
const counters = async (): Promise<Counters> => {
  const { database } = await getStorage();
  return database.backend === "postgres" ? postgresCounters(database.pool) : memoryCounters;
};

/** The generation rate limit, sized from RATE_LIMIT_PER_MINUTE per client and RATE_LIMIT_PER_ADDRESS_PER_MINUTE per address. */
export const getGenerationRateLimit: () => Promise<RateLimit<ClientKey>> = processSingleton("rate-limit", async () => {
  const { config } = await getAccess();
  const kept = await counters();
  return perClient(createGenerationRateLimit(config.ratePerMinute, kept), createGenerationAddressLimit(config.ratePerAddressPerMinute, kept));
});

/** The limit on edit inputs put on record. */
export const getUploadLimit: () => Promise<RateLimit<ClientKey>> = processSingleton("upload-limit", async () => {
  const kept = await counters();
  return perClient(createUploadLimit(undefined, kept), createUploadAddressLimit(undefined, kept));
});

/** The limit on votes from one address. */
export const getVoteLimit: () => Promise<RateLimit> = processSingleton("vote-limit", async () => createVoteLimit(undefined, await counters()));

/** The limit on password guesses. */
export const getSignInLimit: () => Promise<RateLimit> = processSingleton("sign-in-limit", async () => createSignInLimit(undefined, undefined, await counters()));

/** The limit on connection checks. */
export const getCheckLimit: () => Promise<RateLimit> = processSingleton("check-limit", async () => createCheckLimit(undefined, undefined, await counters()));

/** This process's slots for decoding uploaded inputs: they bound its own memory, so they are not shared. */
export const getDecodeSlots: () => Promise<Slots> = processSingleton("decode-slots", async () => createDecodeSlots());

/** This process's slots for uploads whose bodies are still arriving: they bound its memory, so they are not shared. */
export const getArrivalSlots: () => Promise<Slots<ClientKey>> = processSingleton("arrival-slots", async () => createArrivalSlots());

/** This process's slot for building a slide deck: it bounds its own memory, so it is not shared. */
export const getDeckSlots: () => Promise<Slots> = processSingleton("deck-slots", async () => createDeckSlots());
