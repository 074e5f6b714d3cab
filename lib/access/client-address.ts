/**
 * Whom a request comes from, decided by the server rather than the client: the socket's address, or, behind
 * proxies the operator declared (TRUSTED_PROXY_HOPS), the address the outermost of them saw. Pure.
 */

/** Where the server writes each request's client address, after dropping whatever a client sent in it. */
export const CLIENT_ADDRESS_HEADER = "x-playground-client";

/**
 * `forwardedFor`: X-Forwarded-For as received. Each trusted proxy appends the address it saw, so the entry
 * `trustedHops` from the end (counting the socket's as the last) is the one no client could have written.
 */
export const clientAddress = (socketAddress: string | undefined, forwardedFor: string | readonly string[] | undefined, trustedHops: number): string => {
  const socket = socketAddress ?? "unknown";
  if (trustedHops === 0) return socket;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")) as string;
  const chain = [...forwarded.split(",").map((entry) => entry.trim()).filter(Boolean), socket];
  // Fewer entries than declared proxies: the request did not come through them all; the first is the best known.
  return chain[Math.max(0, chain.length - 1 - trustedHops)] ?? socket;
};
