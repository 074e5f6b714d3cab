import { setTimeout as delay } from "node:timers/promises";
import { Agent, fetch } from "undici";
import { AppError } from "../errors";
import { readBytesCapped, readTextCapped } from "../http/read-json-body";
import { guardedLookup, PrivateAddressError, resolvesToPrivateAddress, systemResolve, type Resolve } from "./private-address";

/** A 2048*2048 PNG of pure noise is about 12 MB; nothing honest is bigger than this. */
export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;
const MAX_REDIRECTS = 3;
/** A stored image is a few MB from a CDN: a link that takes longer than this is not going to deliver. */
export const IMAGE_FETCH_TIMEOUT_MS = 60_000;

/** Waits before asking a link again: a CDN's moment of trouble (a 503, a reset connection) passes. */
const RETRY_WAITS_MS = [500, 2_000];

/** A link's answer worth asking for again (5xx, 429): the image is paid for, and a GET costs nothing. */
class PassingFailure extends Error {
  constructor(readonly status: number) {
    super(`The gateway's image link answered ${status}; the image could not be kept.`);
  }
}

/**
 * A link the gateway gave that had expired by the time it was asked. Its links are signed object-store URLs
 * valid for 24 hours; asked later (a clock far off, a result read long after it was made), the store refuses
 * them with a 403 whose body says so.
 */
export const LINK_EXPIRED =
  "The gateway's image link had expired before the playground could download the image, so it could not be kept. Generate again for a new one.";

/** How much of a refusal's body is read to tell an expired link: an object store's error envelope is small. */
const REFUSAL_BYTES = 4096;

/**
 * Whether a link's refusal says it expired: a 410, or a 403 whose body says so (OSS and S3 answer "Request
 * has expired."). Anything else, or a body that cannot be read, is not taken for expiry.
 */
const saysExpired = async (response: { readonly status: number; readonly body: unknown }, signal: AbortSignal): Promise<boolean> => {
  if (response.status === 410) return true;
  if (response.status !== 403) return false;
  const tooLong = new Error("too long");
  const body = await readTextCapped(response.body as ReadableStream<Uint8Array> | null, REFUSAL_BYTES, () => tooLong, signal).catch(() => "");
  return /\bexpired\b/i.test(body);
};

const unfetchable = (why: string) =>
  new AppError("bad_upstream_response", `The gateway returned an image link the playground will not fetch (${why}).`);

/**
 * Downloads a result image the gateway linked to. Only https is fetched, or plain http from the gateway's
 * own origin (the simulator, on loopback); redirects are followed by hand and only within the same host,
 * so a link cannot steer the server to another machine; and the body is capped.
 */
/** Connections whose every address is checked as the socket opens, one pool per resolver. */
const guardedAgents = new Map<Resolve, Agent>();
const guardedAgent = (resolve: Resolve): Agent => {
  let agent = guardedAgents.get(resolve);
  if (!agent) guardedAgents.set(resolve, (agent = new Agent({ connect: { lookup: guardedLookup(resolve) } })));
  return agent;
};

export const fetchUpstreamImage = async (
  url: string,
  options: { trustedOrigin: string; signal?: AbortSignal; timeoutMs?: number; resolve?: Resolve },
): Promise<Buffer> => {
  // Without its own deadline a stalled link would hold the job (and a concurrency slot) forever.
  const deadline = AbortSignal.timeout(options.timeoutMs ?? IMAGE_FETCH_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  for (let attempt = 0; ; attempt++) {
    try {
      return await follow(url, options.trustedOrigin, signal, options.resolve ?? systemResolve);
    } catch (error) {
      if (error instanceof TypeError && error.cause instanceof PrivateAddressError) throw unfetchable("it points into a private network");
      if (deadline.aborted && !options.signal?.aborted) {
        throw new AppError("bad_upstream_response", "The gateway's image link did not deliver the image in time; it could not be kept.");
      }
      // A failed connection or a cut body is a TypeError from fetch; anything of ours (an AppError) is final.
      const passing = error instanceof PassingFailure || error instanceof TypeError;
      const wait = RETRY_WAITS_MS[attempt];
      if (passing && wait !== undefined && !signal.aborted) {
        await delay(wait, undefined, { signal }).catch(() => undefined);
        continue;
      }
      if (error instanceof PassingFailure) throw new AppError("bad_upstream_response", error.message);
      throw error;
    }
  }
};

const follow = async (url: string, trustedOrigin: string, signal: AbortSignal, resolve: Resolve): Promise<Buffer> => {
  let current = new URL(url);
  const host = current.host;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (current.host !== host) throw unfetchable("it redirects to another host");
    if (current.protocol !== "https:" && current.origin !== trustedOrigin) throw unfetchable(`${current.protocol} is not https`);
    const trusted = current.origin === trustedOrigin;
    // Checked twice: here, to refuse early with a reason, and again by the socket as it connects.
    if (!trusted && (await resolvesToPrivateAddress(current.hostname, resolve))) throw unfetchable("it points into a private network");
    const response = await fetch(current, { redirect: "manual", signal, ...(!trusted && { dispatcher: guardedAgent(resolve) }) });
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get("location");
      await response.body?.cancel();
      if (!location) throw unfetchable("a redirect without a location");
      current = new URL(location, current);
      continue;
    }
    if (!response.ok) {
      if (await saysExpired(response, signal)) throw new AppError("bad_upstream_response", LINK_EXPIRED);
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 500 || response.status === 429) throw new PassingFailure(response.status);
      throw new AppError("bad_upstream_response", `The gateway's image link answered ${response.status}; the image could not be kept.`);
    }
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > MAX_IMAGE_BYTES) {
      await response.body?.cancel();
      throw unfetchable("the image is too large");
    }
    return readBytesCapped(response.body as ReadableStream<Uint8Array> | null, MAX_IMAGE_BYTES, () => unfetchable("the image is too large"), signal);
  }
  throw unfetchable("too many redirects");
};
