import { resolve } from "node:path";
import { z } from "zod";
import { blankToUndefined, invalidConfigMessage } from "../env-values";

/**
 * Where the history lives, from the environment, checked once at start-up: the embedded default (SQLite and
 * an image folder under DATA_DIR), or PostgreSQL for the records when DATABASE_URL is set.
 */
export type StorageConfig = {
  readonly dataDir: string;
  readonly databaseUrl: string | null;
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

const envSchema = z.object({
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default(".data")),
  DATABASE_URL: z.preprocess(blankToUndefined, postgresUrl.optional()),
});

export const parseStorageConfig = (env: Record<string, string | undefined>): StorageConfig => {
  const parsed = envSchema.safeParse(env);
  // The URL may hold a password: never printed.
  if (!parsed.success) throw new Error(invalidConfigMessage(parsed.error.issues, env, ["DATABASE_URL"]));
  return { dataDir: resolve(/*turbopackIgnore: true*/ parsed.data.DATA_DIR.trim()), databaseUrl: parsed.data.DATABASE_URL ?? null };
};

/** The database's address without its password, for the start-up banner. */
const whereIs = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname}`;
};

export const describeStorageConfig = (config: StorageConfig): string =>
  config.databaseUrl
    ? `History: records in PostgreSQL at ${whereIs(config.databaseUrl)}, images in ${config.dataDir}/images.`
    : `History: records in SQLite at ${config.dataDir}/playground.db, images in ${config.dataDir}/images.`;
