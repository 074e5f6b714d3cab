import { AppError } from "../errors";
import { readBytesCapped } from "../http/read-json-body";

/** A 2048*2048 PNG of pure noise is about 12 MB; nothing honest is bigger than this. */
export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;
const MAX_REDIRECTS = 3;

const unfetchable = (why: string) =>
  new AppError("bad_upstream_response", `The gateway returned an image link the playground will not fetch (${why}).`);

/**
 * Downloads a result image the gateway linked to. Only https is fetched, or plain http from the gateway's
 * own origin (the simulator, on loopback); redirects are followed by hand and only within the same host,
 * so a link cannot steer the server to another machine; and the body is capped.
 */
export const fetchUpstreamImage = async (url: string, options: { trustedOrigin: string; signal?: AbortSignal }): Promise<Buffer> => {
  let current = new URL(url);
  const host = current.host;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (current.host !== host) throw unfetchable("it redirects to another host");
    if (current.protocol !== "https:" && current.origin !== options.trustedOrigin) throw unfetchable(`${current.protocol} is not https`);
    const response = await fetch(current, { redirect: "manual", signal: options.signal ?? null, cache: "no-store" });
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get("location");
      await response.body?.cancel();
      if (!location) throw unfetchable("a redirect without a location");
      current = new URL(location, current);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new AppError("bad_upstream_response", `The gateway's image link answered ${response.status}; the image could not be kept.`);
    }
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > MAX_IMAGE_BYTES) {
      await response.body?.cancel();
      throw unfetchable("the image is too large");
    }
    return readBytesCapped(response.body, MAX_IMAGE_BYTES, () => unfetchable("the image is too large"), options.signal);
  }
  throw unfetchable("too many redirects");
};
