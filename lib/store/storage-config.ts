import { resolve } from "node:path";
import { z } from "zod";
import { blankToUndefined, invalidConfigMessage } from "../env-values";
import type { S3Config } from "./s3-images";

/**
 * Where the history lives, from the environment, checked once at start-up: the embedded default (SQLite and
 * an image folder under DATA_DIR); PostgreSQL for the records when DATABASE_URL is set; an S3-compatible
 * bucket for the images when S3_BUCKET is. Either can be used without the other.
 */
export type StorageConfig = {
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  /** null: images in DATA_DIR/images. */
  readonly s3: S3Config | null;
  /** How long an instance vouches for a generation it runs without renewing; past it, another marks it interrupted. */
  readonly leaseMs: number;
};

const postgresUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a PostgreSQL URL such as postgres://user:password@db.example.com:5432/playground");

const flag = z.enum(["true", "false"], { error: "must be true or false" }).transform((value) => value === "true");

const seconds = z.coerce
  .number({ error: "must be a whole number of seconds from 3 to 300" })
  .int("must be a whole number of seconds from 3 to 300")
  .min(3, "must be at least 3")
  .max(300, "must be at most 300");

const envSchema = z
  .object({
    DATA_DIR: z.preprocess(blankToUndefined, z.string().default(".data")),
    DATABASE_URL: z.preprocess(blankToUndefined, postgresUrl.optional()),
    S3_BUCKET: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z0-9._-]{3,63}$/, "must be a bucket name (3 to 63 letters, digits, dots and hyphens)").optional()),
    S3_PREFIX: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9._/-]*$/, "must be a key prefix of letters, digits and . _ / -")
        .transform((value) => (value === "" || value.endsWith("/") ? value : `${value}/`))
        .default(""),
    ),
    S3_ENDPOINT: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://s3.example.com" }).optional()),
    S3_REGION: z.preprocess(blankToUndefined, z.string().default("us-east-1")),
    S3_ACCESS_KEY_ID: z.preprocess(blankToUndefined, z.string().optional()),
    S3_SECRET_ACCESS_KEY: z.preprocess(blankToUndefined, z.string().optional()),
    S3_FORCE_PATH_STYLE: z.preprocess(blankToUndefined, flag.optional()),
    JOB_LEASE_SECONDS: z.preprocess(blankToUndefined, seconds.default(15)),
  })
  .superRefine((value, ctx) => {
    if ((value.S3_ACCESS_KEY_ID === undefined) !== (value.S3_SECRET_ACCESS_KEY === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [value.S3_ACCESS_KEY_ID === undefined ? "S3_ACCESS_KEY_ID" : "S3_SECRET_ACCESS_KEY"],
        message: "must be set together with the other S3 key, or neither (for the SDK's own credentials)",
      });
    }
    if (value.S3_BUCKET === undefined && (value.S3_ENDPOINT !== undefined || value.S3_ACCESS_KEY_ID !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "must name the bucket when other S3 settings are given" });
    }
  });

export const parseStorageConfig = (env: Record<string, string | undefined>): StorageConfig => {
  const parsed = envSchema.safeParse(env);
  // The URL may hold a password: never printed, nor the keys.
  if (!parsed.success) throw new Error(invalidConfigMessage(parsed.error.issues, env, ["DATABASE_URL", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"]));
  const value = parsed.data;
  return {
    dataDir: resolve(/*turbopackIgnore: true*/ value.DATA_DIR.trim()),
    databaseUrl: value.DATABASE_URL ?? null,
    s3: value.S3_BUCKET
      ? {
          bucket: value.S3_BUCKET,
          prefix: value.S3_PREFIX,
          endpoint: value.S3_ENDPOINT ?? null,
          region: value.S3_REGION,
          credentials:
            value.S3_ACCESS_KEY_ID && value.S3_SECRET_ACCESS_KEY ? { accessKeyId: value.S3_ACCESS_KEY_ID, secretAccessKey: value.S3_SECRET_ACCESS_KEY } : null,
          // Servers other than AWS want the bucket in the path; AWS itself takes either.
          forcePathStyle: value.S3_FORCE_PATH_STYLE ?? value.S3_ENDPOINT !== undefined,
        }
      : null,
    leaseMs: value.JOB_LEASE_SECONDS * 1000,
  };
};

/** The database's address without its password, for the start-up banner. */
const whereIs = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname}`;
};

export const describeStorageConfig = (config: StorageConfig): string => {
  const records = config.databaseUrl ? `PostgreSQL at ${whereIs(config.databaseUrl)}` : `SQLite at ${config.dataDir}/playground.db`;
  const images = config.s3
    ? `the S3 bucket ${config.s3.bucket}${config.s3.prefix ? ` under ${config.s3.prefix}` : ""} at ${config.s3.endpoint ?? `AWS ${config.s3.region}`}`
    : `${config.dataDir}/images`;
  return `History: records in ${records}, images in ${images}.`;
};
