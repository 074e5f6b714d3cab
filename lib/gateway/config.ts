import { z } from "zod";
import { blankToUndefined, invalidConfigMessage } from "../env-values";
import { MAX_RETRIES } from "./retry-policy";
import { REQUEST_STYLES } from "./request-body";

/**
 * The gateway's configuration from the environment, checked in one place. Pure (it takes the environment
 * as an argument) so its error messages are unit-tested; env.ts reads process.env once on the server.
 */

export const DEFAULT_BASE_URL = "https://api.onetoken.one";
/** Opening a connection (TCP and TLS) takes well under a second when the gateway is up. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;


const wholeNumber = (min: number, max: number, fallback: number, unit?: "ms") => {
  const what = unit ? "a whole number of milliseconds" : "a whole number";
  const suffix = unit ? ` ${unit}` : "";
  return z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `must be ${what} between ${min} and ${max}` })
      .int(`must be ${what} between ${min} and ${max}`)
      .min(min, `must be at least ${min}${suffix}`)
      .max(max, `must be at most ${max}${suffix}`)
      .default(fallback),
  );
};

const envSchema = z.object({
  ONETOKEN_API_KEY: z.preprocess(blankToUndefined, z.string().trim().min(8, "looks too short to be an API key").optional()),
  ONETOKEN_BASE_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://api.onetoken.one" })
      .default(DEFAULT_BASE_URL),
  ),
  ONETOKEN_REQUEST_STYLE: z.preprocess(
    blankToUndefined,
    z.enum(REQUEST_STYLES, { error: `must be one of: ${REQUEST_STYLES.join(", ")}` }).default("native"),
  ),
  ONETOKEN_TIMEOUT_MS: wholeNumber(1_000, 900_000, 180_000, "ms"),
  ONETOKEN_CONNECT_TIMEOUT_MS: wholeNumber(1_000, 120_000, DEFAULT_CONNECT_TIMEOUT_MS, "ms"),
  ONETOKEN_MAX_RETRIES: wholeNumber(0, MAX_RETRIES, MAX_RETRIES),
  SIMULATOR_LATENCY_MS: wholeNumber(0, 60_000, 1_500, "ms"),
});

/** How every generation call is made, whichever gateway answers it. */
type CallSettings = {
  readonly requestStyle: (typeof REQUEST_STYLES)[number];
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly maxRetries: number;
};

export type GatewayConfig =
  | (CallSettings & {
      readonly mode: "live";
      readonly apiKey: string;
      readonly baseUrl: string;
    })
  | (CallSettings & {
      readonly mode: "offline";
      readonly simulatorLatencyMs: number;
      /** Set when ONETOKEN_BASE_URL was given without a key, so start-up can say it is being ignored. */
      readonly ignoredBaseUrl: string | null;
    });

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Accepts `https://host` and `https://host/v1` (the quick-start's form) alike; requests add `/v1/...`. */
const normaliseBaseUrl = (url: string): string => url.replace(/\/+$/, "").replace(/\/v1$/, "");

export const parseGatewayConfig = (env: Record<string, string | undefined>): GatewayConfig => {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(invalidConfigMessage(parsed.error.issues, env, ["ONETOKEN_API_KEY"]));
  }
  const value = parsed.data;
  const call: CallSettings = {
    requestStyle: value.ONETOKEN_REQUEST_STYLE,
    timeoutMs: value.ONETOKEN_TIMEOUT_MS,
    connectTimeoutMs: value.ONETOKEN_CONNECT_TIMEOUT_MS,
    maxRetries: value.ONETOKEN_MAX_RETRIES,
  };
  if (value.ONETOKEN_API_KEY !== undefined) {
    return { mode: "live", apiKey: value.ONETOKEN_API_KEY, baseUrl: normaliseBaseUrl(value.ONETOKEN_BASE_URL), ...call };
  }
  return {
    mode: "offline",
    ...call,
    simulatorLatencyMs: value.SIMULATOR_LATENCY_MS,
    ignoredBaseUrl: env.ONETOKEN_BASE_URL?.trim() ? value.ONETOKEN_BASE_URL : null,
  };
};

/** One line for the start-up log: where generations go, without the key. */
export const describeGatewayConfig = (config: GatewayConfig): string => {
  if (config.mode === "live") {
    return `OneToken playground: live mode, calling ${config.baseUrl} (${config.requestStyle} request style, timeout ${config.timeoutMs} ms, connect timeout ${config.connectTimeoutMs} ms, up to ${config.maxRetries} retries).`;
  }
  const ignored = config.ignoredBaseUrl ? ` ONETOKEN_BASE_URL (${config.ignoredBaseUrl}) is ignored without ONETOKEN_API_KEY.` : "";
  return `OneToken playground: offline demo mode (no ONETOKEN_API_KEY): synthetic images from the built-in simulator, no model is called.${ignored}`;
};
