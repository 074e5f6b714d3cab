import { lookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";

/**
 * Addresses an image link from the gateway must never make this server fetch: loopback, private networks,
 * link-local (cloud metadata lives there), and the like. A link naming such a host would turn the server
 * into a door into its own network. IPv6 is allowed only in global unicast, and not even there in the
 * ranges that carry an IPv4 address inside (6to4, Teredo): NAT64's `64:ff9b::10.0.0.1` or 6to4's
 * `2002:a00:1::` reach a private IPv4 host through a translator on networks that have one.
 */
const PRIVATE_V4 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  // Multicast, the reserved 240/4 and the broadcast address.
  ["224.0.0.0", 3],
] as const) {
  PRIVATE_V4.addSubnet(network, prefix, "ipv4");
}
const GLOBAL_V6 = new BlockList();
GLOBAL_V6.addSubnet("2000::", 3, "ipv6");
const TUNNELS_V6 = new BlockList();
for (const [network, prefix] of [
  ["2001::", 32],
  ["2001:db8::", 32],
  ["2002::", 16],
] as const) {
  TUNNELS_V6.addSubnet(network, prefix, "ipv6");
}

export const isPrivateAddress = (address: string): boolean => {
  const family = isIP(address);
  if (family === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE_V4.check(mapped, "ipv4");
  if (family === 4) return PRIVATE_V4.check(address, "ipv4");
  return !GLOBAL_V6.check(address, "ipv6") || TUNNELS_V6.check(address, "ipv6");
};

/** A host name's addresses; the system's resolver unless a test brings its own. */
export type Resolve = (hostname: string) => Promise<string[]>;

export const systemResolve: Resolve = async (hostname) => (await lookup(hostname, { all: true })).map((entry) => entry.address);

const unusable = (addresses: readonly string[]): boolean => addresses.length === 0 || addresses.some(isPrivateAddress);

/** True when the host is, or resolves to, any private address (or does not resolve at all). */
export const resolvesToPrivateAddress = async (hostname: string, resolve: Resolve = systemResolve): Promise<boolean> => {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return isPrivateAddress(host);
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  return unusable(await resolve(host).catch(() => []));
};

export class PrivateAddressError extends Error {
  override readonly name = "PrivateAddressError";
}

/**
 * A `lookup` for the socket itself: the addresses it is about to connect to are checked, so a name that
 * resolved to a public address for the first check cannot resolve to a private one for the connection
 * (DNS rebinding).
 */
export const guardedLookup =
  (resolve: Resolve = systemResolve): LookupFunction =>
  (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        if (unusable(addresses)) return callback(new PrivateAddressError(`${hostname} resolves into a private network`), "", 0);
        if (options.all) return callback(null, addresses.map((address) => ({ address, family: isIP(address) })));
        const [first = ""] = addresses;
        callback(null, first, isIP(first));
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
