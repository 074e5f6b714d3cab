import { lookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";

/**
 * Addresses an image link from the gateway must never make this server fetch: loopback, private networks,
 * link-local (cloud metadata lives there), and the like. A link naming such a host would turn the server
 * into a door into its own network.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv6");
}

export const isPrivateAddress = (address: string): boolean => {
  const family = isIP(address);
  if (family === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, "ipv4");
  return PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6");
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
