import { z } from "zod";
import { blankToUndefined, invalidConfigMessage } from "../env-values";
import { ANY_EDIT_INPUT } from "../models/edit-models";

/**
 * Who may use the playground and how much: the access gate and the spend limits, from the environment.
 * Pure (the environment is an argument) so the messages are unit-tested; read once at start-up.
 */


/** A whole number; blank counts as unset (so `NAME=` in a .env file means "the default"). */
const count = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const MOST_PER_MINUTE = 10_000;

/**
 * How many people's worth an address's own count holds by default (of generations, of uploads): signed in, a
 * client counts against its session and its address, and colleagues behind one office's address are not to
 * share one person's minute.
 */
export const PEOPLE_PER_ADDRESS = 4;

/**
 * New voters one address may bring to one poll in an hour, by default: a meeting room of colleagues behind
 * one office's address all vote, while a script clearing its cookie gets this many ballots an hour, not the
 * vote limit's 60 a minute.
 */
const NEW_VOTERS_PER_ADDRESS = 20;

/**
 * How many clients' shares the edit inputs' room holds by default: one client filling it (30 uploads a minute
 * fill 2 GB in minutes) leaves the rest to the others, and a handful of busy colleagues still fit together.
 */
const CLIENTS_PER_INPUT_STORAGE = 4;

const MB = 1024 * 1024;

/**
 * The most room one edit input takes: the largest upload and its thumbnail, a WebP at most 480 px wide that
 * stays under 2 MB even for noise at the tallest shape an input may have. A share smaller than this refuses
 * such an upload however little its client holds.
 */
export const LARGEST_INPUT_MB = Math.ceil(ANY_EDIT_INPUT.maxBytes / MB) + 2;

const accessSchema = z.object({
  PLAYGROUND_PASSWORD: z.preprocess(blankToUndefined, z.string().min(8, "must be at least 8 characters long").optional()),
  PLAYGROUND_SESSION_SECRET: z.preprocess(blankToUndefined, z.string().min(32, "must be at least 32 characters long").optional()),
  RATE_LIMIT_PER_MINUTE: z.preprocess(blankToUndefined, count(1, MOST_PER_MINUTE).default(10)),
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: z.preprocess(blankToUndefined, count(1, MOST_PER_MINUTE).optional()),
  MAX_CONCURRENT_GENERATIONS: z.preprocess(blankToUndefined, count(1, 1_000).default(8)),
  DAILY_IMAGE_LIMIT: z.preprocess(blankToUndefined, count(0, 1_000_000).optional()),
  TRUSTED_PROXY_HOPS: z.preprocess(blankToUndefined, count(0, 10).default(0)),
  INPUT_STORAGE_MB: z.preprocess(blankToUndefined, count(1, 1_000_000).default(2_048)),
  INPUT_STORAGE_PER_CLIENT_MB: z.preprocess(blankToUndefined, count(1, 1_000_000).optional()),
  NEW_VOTERS_PER_ADDRESS_PER_HOUR: z.preprocess(blankToUndefined, count(1, MOST_PER_MINUTE).default(NEW_VOTERS_PER_ADDRESS)),
  PLAYGROUND_ORIGINS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((value) => value.split(",").map((entry) => entry.trim()).filter(Boolean))
      .pipe(
        z.array(
          z
            .string()
            // An origin as written: a default port, capitals or a non-ASCII name are the same origin, normalised;
            // a path, a query or a user name is not part of one.
            .refine(
              (entry) => {
                if (!URL.canParse(entry)) return false;
                const url = new URL(entry);
                return /^https?:$/.test(url.protocol) && url.pathname === "/" && url.search === "" && url.hash === "" && url.username === "" && url.password === "";
              },
              { error: "must list origins (a scheme, a host and perhaps a port, nothing after them) such as https://play.example.com or http://192.168.1.5:3000, separated by commas" },
            )
            .transform((entry) => new URL(entry).origin),
        ),
      )
      .default([]),
  ),
}).superRefine((value, context) => {
  // Below the per-client count it would hold a signed-in client to less than RATE_LIMIT_PER_MINUTE says.
  if ((value.RATE_LIMIT_PER_ADDRESS_PER_MINUTE ?? Infinity) < value.RATE_LIMIT_PER_MINUTE) {
    context.addIssue({ code: "custom", path: ["RATE_LIMIT_PER_ADDRESS_PER_MINUTE"], message: `must be at least RATE_LIMIT_PER_MINUTE, which is ${value.RATE_LIMIT_PER_MINUTE}` });
  }
  // A share larger than the whole would be no share: the operator meant something else.
  if ((value.INPUT_STORAGE_PER_CLIENT_MB ?? 0) > value.INPUT_STORAGE_MB) {
    context.addIssue({ code: "custom", path: ["INPUT_STORAGE_PER_CLIENT_MB"], message: `must be at most INPUT_STORAGE_MB, which is ${value.INPUT_STORAGE_MB}` });
  }
});

export type AccessConfig = {
  /** null: no gate, anyone who can reach the server can use it. */
  readonly password: string | null;
  /** Signs session cookies; when unset, a random one is made once and kept with the history (in its database). */
  readonly sessionSecret: string | null;
  readonly ratePerMinute: number;
  /** What all the sessions signed in from one address may start together, per minute. */
  readonly ratePerAddressPerMinute: number;
  readonly maxConcurrent: number;
  /** null: no daily budget. */
  readonly dailyImageLimit: number | null;
  /** Proxies in front of the server whose X-Forwarded-For entries are trusted; 0: the socket's address counts. */
  readonly trustedProxyHops: number;
  /** The most edit input images kept at once, in bytes. */
  readonly maxInputBytes: number;
  /** The most of them one client (a session, or an address without a gate) may have added, in bytes. */
  readonly maxClientInputBytes: number;
  /** Where the playground may be reached at all, besides loopback (PLAYGROUND_ORIGINS). */
  readonly origins: readonly string[];
  /** Voters new to a poll that one address may bring it in an hour (a browser that voted there already votes on). */
  readonly newVotersPerAddressPerHour: number;
};

export const parseAccessConfig = (env: Record<string, string | undefined>): AccessConfig => {
  const parsed = accessSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(invalidConfigMessage(parsed.error.issues, env, ["PLAYGROUND_PASSWORD", "PLAYGROUND_SESSION_SECRET"]));
  }
  const value = parsed.data;
  return {
    password: value.PLAYGROUND_PASSWORD ?? null,
    sessionSecret: value.PLAYGROUND_SESSION_SECRET ?? null,
    ratePerMinute: value.RATE_LIMIT_PER_MINUTE,
    ratePerAddressPerMinute: value.RATE_LIMIT_PER_ADDRESS_PER_MINUTE ?? Math.min(value.RATE_LIMIT_PER_MINUTE * PEOPLE_PER_ADDRESS, MOST_PER_MINUTE),
    maxConcurrent: value.MAX_CONCURRENT_GENERATIONS,
    dailyImageLimit: value.DAILY_IMAGE_LIMIT ?? null,
    trustedProxyHops: value.TRUSTED_PROXY_HOPS,
    maxInputBytes: value.INPUT_STORAGE_MB * MB,
    maxClientInputBytes:
      (value.INPUT_STORAGE_PER_CLIENT_MB ??
        Math.min(value.INPUT_STORAGE_MB, Math.max(LARGEST_INPUT_MB, Math.ceil(value.INPUT_STORAGE_MB / CLIENTS_PER_INPUT_STORAGE)))) * MB,
    origins: value.PLAYGROUND_ORIGINS,
    newVotersPerAddressPerHour: value.NEW_VOTERS_PER_ADDRESS_PER_HOUR,
  };
};

/** Allowed (a small test setup), but said at start-up: the refusals it brings would look like a bug. */
const smallInputRoom = ({ maxInputBytes, maxClientInputBytes }: AccessConfig): string | null => {
  if (maxClientInputBytes >= LARGEST_INPUT_MB * MB) return null;
  // The default share is at least one input, so a smaller one was set, or is all the room there is.
  const name = maxInputBytes === maxClientInputBytes ? "INPUT_STORAGE_MB" : "INPUT_STORAGE_PER_CLIENT_MB";
  const mb = maxClientInputBytes / MB;
  return `Warning: ${name} is ${mb}, less than the ${LARGEST_INPUT_MB} MB the largest edit input takes with its thumbnail: an upload larger than ${mb} MB is refused however little is kept.`;
};

/** `spends`: whether generating costs anything (a gateway key is set), not the offline demo's synthetic images. */
export const describeAccessConfig = (config: AccessConfig, spends = true): string =>
  [
    config.password
      ? "Access gate: on (PLAYGROUND_PASSWORD is set; every page and API route needs a signed-in session)."
      : `Access gate: OFF. PLAYGROUND_PASSWORD is not set, so anyone who can reach this server can use it${spends ? " and spend the key's credit" : ""}.`,
    `Limits: ${config.ratePerMinute} generations per client per minute${config.password ? ` (${config.ratePerAddressPerMinute} from one address)` : ""}, ${config.maxConcurrent} at once, ${config.dailyImageLimit === null ? "no daily image budget" : `${config.dailyImageLimit} images a day`}, ${config.maxInputBytes / MB} MB of edit inputs (${config.maxClientInputBytes / MB} MB per client), ${config.newVotersPerAddressPerHour} new voters an hour per poll from one address.`,
    smallInputRoom(config),
    config.origins.length === 0
      ? "Reachable at localhost only; set PLAYGROUND_ORIGINS to the address people use (https://play.example.com) to serve it to others."
      : `Reachable at localhost and ${config.origins.join(", ")} (PLAYGROUND_ORIGINS).`,
    config.trustedProxyHops === 0
      ? "Clients are told apart by the address of their connection (TRUSTED_PROXY_HOPS=0; set it to the number of proxies in front of this server)."
      : `Clients are told apart by the address the outermost of ${config.trustedProxyHops} trusted proxies saw (TRUSTED_PROXY_HOPS).`,
  ]
    .filter((line) => line !== null)
    .join("\n");
