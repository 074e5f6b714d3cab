import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { inject } from "vitest";
import { createImageFiles } from "@/lib/store/image-files";
import { createS3Client, createS3Images, type S3Config } from "@/lib/store/s3-images";
import type { ImageStore } from "@/lib/store/types";

/**
 * The two image backends the contract tests run against, each fresh: a folder in a temporary directory, and a
 * prefix of its own in a bucket on the run's S3-compatible server.
 */
export type ImageBackend = { readonly name: "folder" | "s3"; open(): Promise<{ images: ImageStore; close(): Promise<void> }> };

const BUCKET = "playground-tests";
let bucket: Promise<unknown> | undefined;

/** The run's server, a bucket on it (made once per test file), and a prefix no other test uses. */
export const freshS3Config = async (): Promise<S3Config> => {
  const server = inject("s3");
  const config: S3Config = {
    bucket: BUCKET,
    prefix: `t-${randomBytes(6).toString("hex")}/`,
    endpoint: server.endpoint,
    region: server.region,
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    forcePathStyle: true,
  };
  bucket ??= createS3Client(config)
    .send(new CreateBucketCommand({ Bucket: BUCKET }))
    .catch((error: unknown) => {
      // Another test file made it first.
      if (!(error instanceof Error && /BucketAlreadyOwnedByYou|BucketAlreadyExists/.test(error.name))) throw error;
    });
  await bucket;
  return config;
};

export const IMAGE_BACKENDS: readonly ImageBackend[] = [
  {
    name: "folder",
    async open() {
      const dir = mkdtempSync(join(tmpdir(), "images-"));
      return { images: await createImageFiles(dir), close: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: "s3",
    async open() {
      return { images: await createS3Images(await freshS3Config()), close: async () => undefined };
    },
  },
];
