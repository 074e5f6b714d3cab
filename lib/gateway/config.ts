import { z } from "zod";
import { blankToUndefined, invalidConfigMessage } from "../env-values";
import { MAX_RETRIES } from "./retry-policy";
import { REQUEST_STYLES } from "./request-body";
import { ANSWER_SHAPES, type AnswerShape } from "../simulator/answer-shapes";

/**
 * The gateway's configuration from the environment, checked in one place. Pure (it takes the environment
 * as an argument) so its error messages are unit-tested; env.ts reads process.env once on the server.
 */

export const DEFAULT_BASE_URL = "https://api.onetoken.one";
/** Opening a connection (TCP and TLS) takes well under a second when the gateway is up. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** How long past the call's deadline a success answer's images may still take to arrive (see `CallOptions`). */
export const DEFAULT_ANSWER_GRACE_MS = 60_000;
/** Model Studio's own task route; a gateway that passes tasks through is expected to keep its shape under /v1. */
export const DEFAULT_TASK_PATH = "/v1/tasks/{task_id}";


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
  ONETOKEN_API_KEY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .min(8, "looks too short to be an API key")
      // A header carries it: a curly quote or a line break pasted with it would fail every call.
      .regex(/^[\x21-\x7e]+$/, "holds a character an API key cannot have (a space, a curly quote, a line break or a non-ASCII letter): paste it again")
      .optional(),
  ),
  ONETOKEN_BASE_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://api.onetoken.one" })
      // The paths are appended to it, and a URL with a name and password cannot be fetched at all.
      .refine((url) => {
        const parsed = new URL(url);
        // A bare "?" or "#" leaves search and hash empty, and would still go in front of every path.
        return parsed.username === "" && parsed.password === "" && !/[?#]/.test(url);
      }, "must be the gateway's address alone, without a user name or password, ?query or #fragment, such as https://api.onetoken.one")
      .default(DEFAULT_BASE_URL),
  ),
  ONETOKEN_REQUEST_STYLE: z.preprocess(
    blankToUndefined,
    z.enum(REQUEST_STYLES, { error: `must be one of: ${REQUEST_STYLES.join(", ")}` }).default("native"),
  ),
  ONETOKEN_TIMEOUT_MS: wholeNumber(1_000, 900_000, 180_000, "ms"),
  ONETOKEN_CONNECT_TIMEOUT_MS: wholeNumber(1_000, 120_000, DEFAULT_CONNECT_TIMEOUT_MS, "ms"),
  ONETOKEN_MAX_RETRIES: wholeNumber(0, MAX_RETRIES, MAX_RETRIES),
  ONETOKEN_TASK_PATH: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\/[\w./{}-]*\{task_id\}[\w./{}-]*$/, { error: "must be a path starting with / that holds {task_id}, such as /v1/tasks/{task_id}" })
      .default(DEFAULT_TASK_PATH),
  ),
  SIMULATOR_LATENCY_MS: wholeNumber(0, 60_000, 1_500, "ms"),
  SIMULATOR_ANSWER_SHAPE: z.preprocess(
    blankToUndefined,
    z.enum(ANSWER_SHAPES, { error: `must be one of: ${ANSWER_SHAPES.join(", ")}` }).default("openai"),
  ),
});

/** How every generation call is made, whichever gateway answers it. */
type CallSettings = {
  readonly requestStyle: (typeof REQUEST_STYLES)[number];
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly maxRetries: number;
  /** Where an asynchronous task's status is read, `{task_id}` standing for its id. */
  readonly taskPath: string;
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
      /** Which of the gateway's answer shapes the built-in simulator speaks. */
      readonly simulatorAnswerShape: AnswerShape;
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
    taskPath: value.ONETOKEN_TASK_PATH,
  };
  if (value.ONETOKEN_API_KEY !== undefined) {
    return { mode: "live", apiKey: value.ONETOKEN_API_KEY, baseUrl: normaliseBaseUrl(value.ONETOKEN_BASE_URL), ...call };
  }
  return {
    mode: "offline",
    ...call,
    simulatorLatencyMs: value.SIMULATOR_LATENCY_MS,
    simulatorAnswerShape: value.SIMULATOR_ANSWER_SHAPE,
    ignoredBaseUrl: env.ONETOKEN_BASE_URL?.trim() ? value.ONETOKEN_BASE_URL : null,
  };
};

/** One line for the start-up log: where generations go, without the key. */
export const describeGatewayConfig = (config: GatewayConfig): string => {
  if (config.mode === "live") {
    return `OneToken playground: live mode, calling ${config.baseUrl} (${config.requestStyle} request style, timeout ${config.timeoutMs} ms, connect timeout ${config.connectTimeoutMs} ms, up to ${config.maxRetries} retries, tasks followed at ${config.taskPath}).`;
  }
  const ignored = config.ignoredBaseUrl ? ` ONETOKEN_BASE_URL (${config.ignoredBaseUrl}) is ignored without ONETOKEN_API_KEY.` : "";
  const shape = config.simulatorAnswerShape === "openai" ? "" : ` The simulator answers in the ${config.simulatorAnswerShape} shape.`;
  return `OneToken playground: offline demo mode (no ONETOKEN_API_KEY): synthetic images from the built-in simulator, no model is called.${shape}${ignored}`;
};
