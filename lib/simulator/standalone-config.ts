import { z } from "zod";
import type { SimulatorServerOptions } from "./node-server";
import { ANSWER_SHAPES, type AnswerShape } from "./answer-shapes";
import { DEFAULT_LINK_LIFETIME_SECONDS, MAX_LINK_LIFETIME_SECONDS } from "./file-links";

const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`))
    .optional()
    .transform((value) => value ?? fallback);

const envSchema = z.object({
  SIMULATOR_PORT: wholeNumber("SIMULATOR_PORT", 0, 65_535, 4010),
  SIMULATOR_HOST: z.string().min(1, "SIMULATOR_HOST must not be empty").default("127.0.0.1"),
  // An empty value is what `SIMULATOR_API_KEY= npm run simulator` gives: read it as "accept any key".
  SIMULATOR_API_KEY: z
    .string()
    .optional()
    .transform((value) => (value === "" ? undefined : value)),
  SIMULATOR_LATENCY_MS: wholeNumber("SIMULATOR_LATENCY_MS", 0, 600_000, 800),
  SIMULATOR_RESPONSE_FORMAT: z
    .enum(["url", "b64_json"], { error: 'SIMULATOR_RESPONSE_FORMAT must be "url" or "b64_json"' })
    .default("url"),
  SIMULATOR_ANSWER_SHAPE: z
    .enum(ANSWER_SHAPES, { error: `SIMULATOR_ANSWER_SHAPE must be one of: ${ANSWER_SHAPES.join(", ")}` })
    .default("openai"),
  SIMULATOR_LINK_LIFETIME_SECONDS: wholeNumber("SIMULATOR_LINK_LIFETIME_SECONDS", 0, MAX_LINK_LIFETIME_SECONDS, DEFAULT_LINK_LIFETIME_SECONDS),
});

export type StandaloneConfig =
  | { readonly ok: true; readonly options: SimulatorServerOptions & { latencyMs: number; responseFormat: "url" | "b64_json"; answerShape: AnswerShape; linkLifetimeSeconds: number } }
  | { readonly ok: false; readonly message: string };

/** The `npm run simulator` settings from the environment, refused with a message a person can act on. */
export const parseStandaloneEnv = (env: Readonly<Record<string, string | undefined>>): StandaloneConfig => {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, message: `OneToken simulator: invalid environment\n${z.prettifyError(parsed.error)}` };
  }
  const value = parsed.data;
  return {
    ok: true,
    options: {
      port: value.SIMULATOR_PORT,
      host: value.SIMULATOR_HOST,
      latencyMs: value.SIMULATOR_LATENCY_MS,
      responseFormat: value.SIMULATOR_RESPONSE_FORMAT,
      answerShape: value.SIMULATOR_ANSWER_SHAPE,
      linkLifetimeSeconds: value.SIMULATOR_LINK_LIFETIME_SECONDS,
      ...(value.SIMULATOR_API_KEY === undefined ? {} : { apiKey: value.SIMULATOR_API_KEY }),
    },
  };
};
