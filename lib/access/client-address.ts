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
  // Fewer entries than declared proxies: the request did not come through them all (it reached the instance
  // around them), so its entries may all be the client's own writing; only the connection is known.
  return chain.length - 1 < trustedHops ? socket : (chain[chain.length - 1 - trustedHops] ?? socket);
};

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** An IPv4 address's two 16-bit halves, or null when it is not one. */
const ipv4Halves = (text: string): [number, number] | null => {
  const octets = IPV4.exec(text)?.slice(1).map(Number);
  if (!octets || octets.some((octet) => octet > 255)) return null;
  const [a = 0, b = 0, c = 0, d = 0] = octets;
  return [a * 256 + b, c * 256 + d];
};

/** An IPv6 address's 8 groups, or null when it is not one; a dotted IPv4 tail (`::ffff:1.2.3.4`) is its last two. */
const ipv6Groups = (text: string): number[] | null => {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (half: string, last: boolean): number[] | null => {
    if (half === "") return [];
    const parts = half.split(":");
    const groups: number[] = [];
    for (const [index, part] of parts.entries()) {
      const tail = last && index === parts.length - 1 ? ipv4Halves(part) : null;
      if (tail) groups.push(...tail);
      else if (/^[0-9a-f]{1,4}$/i.test(part)) groups.push(Number.parseInt(part, 16));
      else return null;
    }
    return groups;
  };
  const head = groupsOf(halves[0] ?? "", halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? "", true) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const elided = 8 - head.length - tail.length;
  return elided >= 1 ? [...head, ...Array<number>(elided).fill(0), ...tail] : null;
};

/**
 * The part of a client's address its limits count by. One IPv6 host is routinely handed a whole /64, so each
 * of its 2^64 addresses as its own key would be a fresh count for the asking: an IPv6 address counts by its
 * /64; an IPv4 one written as IPv6 (`::ffff:1.2.3.4`, a dual-stack socket's) as that IPv4 address, so it
 * shares the count of the same client reached over IPv4; a port or brackets a proxy wrote are not the client.
 * Anything else (`unknown`) is kept as it is.
 */
export const limitAddress = (address: string): string => {
  const trimmed = address.trim();
  const host = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed)?.[1] ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(trimmed)?.[1] ?? trimmed;
  if (ipv4Halves(host)) return host;
  const groups = ipv6Groups(host.replace(/%.*$/, ""));
  if (!groups) return trimmed;
  const [high = 0, low = 0] = groups.slice(6);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) return [high >> 8, high & 255, low >> 8, low & 255].join(".");
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(":")}::/64`;
};
