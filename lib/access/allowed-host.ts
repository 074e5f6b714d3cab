import { AppError } from "../errors";

/**
 * The names this server answers at: loopback, and the origins its operator listed. A page on any other name
 * that resolves here (DNS rebinding) would otherwise pass the same-origin check, since its requests are
 * "same-origin" to it: on a server without a password it could read the whole history and spend the key's
 * credit. Pure.
 */

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The hostname of a Host header ("127.0.0.1:3000" -> "127.0.0.1", "[::1]:3000" -> "[::1]"), lower-cased. */
const hostname = (host: string): string => {
  const lower = host.trim().toLowerCase();
  return lower.startsWith("[") ? lower.slice(0, lower.indexOf("]") + 1) : (lower.split(":")[0] ?? "");
};

export const isAllowedHost = (host: string | null, origins: readonly string[]): boolean => {
  if (!host) return false;
  const name = hostname(host);
  if (LOOPBACK.has(name) || name.endsWith(".localhost")) return true;
  return origins.some((origin) => new URL(origin).host === host.trim().toLowerCase());
};

export const hostRefused = (host: string | null): AppError =>
  new AppError(
    "forbidden",
    `This playground answers only at localhost and the addresses in PLAYGROUND_ORIGINS, and it was reached as ${JSON.stringify(host ?? "")}. Whoever runs it can add that address to PLAYGROUND_ORIGINS.`,
  );

/**
 * The origin people reach this server at, for links written into files they take away (a CSV's image links, a
 * zip's manifest). Not the request's URL: Next names it after the name the server listens on ("localhost"),
 * and behind a proxy that is not where anyone else can follow a link. A name from PLAYGROUND_ORIGINS, the
 * proxy's X-Forwarded-Host first, is taken with the scheme it was listed with; otherwise the loopback name
 * the request came to. Only names the server answers at are ever written, so a forged header writes nothing
 * foreign.
 */
export const publicOrigin = ({ host, forwardedHost }: { host: string | null; forwardedHost: string | null }, origins: readonly string[]): string => {
  const listed = (name: string | null | undefined) => {
    const wanted = name?.trim().toLowerCase();
    return wanted ? origins.find((origin) => new URL(origin).host === wanted) : undefined;
  };
  const local = host?.trim().toLowerCase() ?? "";
  return listed(forwardedHost?.split(",")[0]) ?? listed(host) ?? `http://${isAllowedHost(local, []) ? local : "localhost"}`;
};
