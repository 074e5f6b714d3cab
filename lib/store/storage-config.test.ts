import { describe, expect, it } from "vitest";
import { describeStorageConfig, parseStorageConfig } from "./storage-config";

describe("where the history lives", () => {
  it("is SQLite and a folder under DATA_DIR by default", () => {
    const config = parseStorageConfig({ DATA_DIR: "/srv/playground" });
    expect(config).toEqual({ dataDir: "/srv/playground", databaseUrl: null, s3: null, leaseMs: 15_000 });
    expect(describeStorageConfig(config)).toBe("History: records in SQLite at /srv/playground/playground.db, images in /srv/playground/images.");
  });

  it("is PostgreSQL with DATABASE_URL, and the banner never shows its password", () => {
    const config = parseStorageConfig({ DATA_DIR: "/srv/p", DATABASE_URL: "postgres://app:s3cret@db.internal:5432/playground" });
    expect(config.databaseUrl).toBe("postgres://app:s3cret@db.internal:5432/playground");
    expect(describeStorageConfig(config)).toBe("History: records in PostgreSQL at db.internal:5432/playground, images in /srv/p/images.");
    expect(parseStorageConfig({ DATABASE_URL: "  " }).databaseUrl).toBeNull();
  });

  it("refuses another kind of URL, naming the variable and not echoing the value", () => {
    const refuse = (value: string) => () => parseStorageConfig({ DATABASE_URL: value });
    expect(refuse("mysql://app:s3cret@db/x")).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
    expect(refuse("mysql://app:s3cret@db/x")).not.toThrow(/s3cret/);
    expect(refuse("not a url")).toThrow(/DATABASE_URL/);
  });

  it("puts the images in an S3 bucket with S3_BUCKET, path-style for a server other than AWS", () => {
    const config = parseStorageConfig({
      S3_BUCKET: "playground-images",
      S3_ENDPOINT: "http://127.0.0.1:8080",
      S3_ACCESS_KEY_ID: "test:tester",
      S3_SECRET_ACCESS_KEY: "testing",
      S3_PREFIX: "team-a",
    });
    expect(config.s3).toEqual({
      bucket: "playground-images",
      prefix: "team-a/",
      endpoint: "http://127.0.0.1:8080",
      region: "us-east-1",
      credentials: { accessKeyId: "test:tester", secretAccessKey: "testing" },
      forcePathStyle: true,
    });
    expect(describeStorageConfig(config)).toMatch(/images in the S3 bucket playground-images under team-a\/ at http:\/\/127.0.0.1:8080\.$/);
    // AWS itself: the region finds it, and the SDK's own credentials (an instance role) serve.
    expect(parseStorageConfig({ S3_BUCKET: "images-prod", S3_REGION: "eu-west-1" }).s3).toMatchObject({ endpoint: null, credentials: null, forcePathStyle: false });
  });

  it("refuses S3 settings that cannot work, never echoing a key", () => {
    expect(() => parseStorageConfig({ S3_BUCKET: "b", S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s" })).toThrow(/S3_BUCKET must be a bucket name/);
    expect(() => parseStorageConfig({ S3_BUCKET: "images", S3_ACCESS_KEY_ID: "AKIAEXAMPLE" })).toThrow(/S3_SECRET_ACCESS_KEY must be set together/);
    expect(() => parseStorageConfig({ S3_BUCKET: "images", S3_SECRET_ACCESS_KEY: "wJalrXUtnFEMI" })).not.toThrow(/wJalrXUtnFEMI/);
    expect(() => parseStorageConfig({ S3_ENDPOINT: "http://127.0.0.1:8080" })).toThrow(/S3_BUCKET must name the bucket/);
    expect(() => parseStorageConfig({ S3_BUCKET: "images", S3_ENDPOINT: "ftp://x" })).toThrow(/S3_ENDPOINT must be an http/);
    expect(() => parseStorageConfig({ S3_BUCKET: "images", S3_FORCE_PATH_STYLE: "yes" })).toThrow(/S3_FORCE_PATH_STYLE must be true or false/);
  });

  it("takes a job lease of 3 to 300 seconds", () => {
    expect(parseStorageConfig({ JOB_LEASE_SECONDS: "5" }).leaseMs).toBe(5_000);
    expect(() => parseStorageConfig({ JOB_LEASE_SECONDS: "1" })).toThrow(/JOB_LEASE_SECONDS must be at least 3/);
    expect(() => parseStorageConfig({ JOB_LEASE_SECONDS: "soon" })).toThrow(/JOB_LEASE_SECONDS must be a whole number/);
  });
});
