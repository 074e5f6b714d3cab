import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { AppError } from "../errors";
import { bucketRefusal } from "./bucket-refusal";
import { settleBoth } from "./settle-both";
import type { ImageStore } from "./types";
import { BUCKET_UNREACHED, OUTAGE_RETRY_SECONDS } from "./unreachable";

/** Where the images live in an S3-compatible object store, and how to reach it. */
export type S3Config = {
  readonly bucket: string;
  /** Key prefix inside the bucket ("" or ending in "/"), so one bucket can hold several deployments. */
  readonly prefix: string;
  /** null: AWS itself, found from the region. */
  readonly endpoint: string | null;
  readonly region: string;
  /** null: the SDK's own chain (environment, instance role). */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | null;
  /** Bucket in the path rather than the host name: what servers other than AWS usually need. */
  readonly forcePathStyle: boolean;
};

const ID = /^[A-Za-z0-9-]{8,64}$/;
const SUFFIX = { full: ".img", thumb: ".thumb.webp" } as const;
const CONTENT_TYPE = { full: "application/octet-stream", thumb: "image/webp" } as const;

// The locked SDK runs on Node 20; its notice about later releases says nothing to the people running this.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const missing = (error: unknown) =>
  error instanceof NoSuchKey || (error instanceof S3ServiceException && (error.name === "NotFound" || error.$metadata.httpStatusCode === 404));

/**
 * A read the bucket could not serve for a while (no connection, a timeout, its own 5xx: a restart, an outage)
 * is said so, to try again in a few seconds; any other refusal (its keys no longer let it read, say) is the
 * server's fault as it came.
 */
const readFailure = (error: unknown): unknown => {
  const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
  return status !== undefined && status < 500 ? error : new AppError("storage_unavailable", BUCKET_UNREACHED, { retryAfterSeconds: OUTAGE_RETRY_SECONDS, cause: error });
};

/**
 * How long the bucket may take to accept a connection, and to send anything while a request is open. A
 * bucket that hangs rather than refusing would otherwise hold a generation at "storing" for good, and a page's
 * picture, and one of the client's sockets. A picture's stream that stalls this long (a browser that stopped
 * reading it) is let go too.
 */
export const S3_TIMEOUTS = { connectMs: 5_000, idleMs: 30_000 };

export const createS3Client = (config: S3Config, timeouts = S3_TIMEOUTS): S3Client =>
  new S3Client({
    requestHandler: { connectionTimeout: timeouts.connectMs, socketTimeout: timeouts.idleMs },
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    ...(config.endpoint && { endpoint: config.endpoint }),
    ...(config.credentials && { credentials: config.credentials }),
    // Checksums only where S3 requires them: servers other than AWS refuse the streamed "aws-chunked" uploads
    // the default sends.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });

/**
 * Image bytes as objects: `<prefix>images/<id>.img` and `<id>.thumb.webp`, private to the bucket's owner.
 * The app serves them through its own routes (behind the gate), streaming what it reads.
 */
export const createS3Images = async (config: S3Config, client: S3Client = createS3Client(config), localNow: () => number = Date.now): Promise<ImageStore> => {
  /**
   * How far the S3 server's clock is ahead of this process's (negative: behind), from its answers' Date header.
   * An object's LastModified is the server's time, and the sweep's "written before" is this process's: unmatched,
   * a server clock an hour behind would make a file written a moment ago (its record not yet committed) look
   * like an old orphan.
   */
  let serverAhead = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      const sent = localNow();
      const result = await next(args);
      const date = (result.response as { headers?: Record<string, string | undefined> }).headers?.date;
      const at = date ? Date.parse(date) : Number.NaN;
      // The header has whole seconds; the middle of the round trip is when it was written.
      if (Number.isFinite(at)) serverAhead = at + 500 - (sent + localNow()) / 2;
      return result;
    },
    { step: "deserialize", name: "serverClock", override: true },
  );
  // Fails at start-up, naming the setting to check, when the bucket is wrong or the keys cannot reach it.
  await client.send(new HeadBucketCommand({ Bucket: config.bucket })).catch((error: unknown) => {
    throw new Error(bucketRefusal(config, error));
  });
  const folder = `${config.prefix}images/`;
  const key = (id: string, variant: keyof typeof SUFFIX) => {
    if (!ID.test(id)) throw new Error(`not an image id: ${JSON.stringify(id)}`);
    return `${folder}${id}${SUFFIX[variant]}`;
  };
  const get = async (id: string, variant: keyof typeof SUFFIX) => {
    if (!ID.test(id)) return null;
    try {
      return await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: key(id, variant) }));
    } catch (error) {
      if (missing(error)) return null;
      throw readFailure(error);
    }
  };
  const removeObject = (objectKey: string) => client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: objectKey }));
  // One object at a time: DeleteObjects needs a Content-MD5 that servers other than AWS insist on.
  const remove = async (id: string) => settleBoth(removeObject(key(id, "full")), removeObject(key(id, "thumb")));
  return {
    async put(id, image, thumbnail) {
      try {
        // Both at once: a record is committed only after both, so neither alone is ever shown.
        await settleBoth(
          client.send(new PutObjectCommand({ Bucket: config.bucket, Key: key(id, "full"), Body: image, ContentType: CONTENT_TYPE.full })),
          Promise.resolve(thumbnail).then((bytes) => client.send(new PutObjectCommand({ Bucket: config.bucket, Key: key(id, "thumb"), Body: bytes, ContentType: CONTENT_TYPE.thumb }))),
        );
      } catch (error) {
        await remove(id).catch(() => undefined);
        throw error;
      }
    },
    async read(id, variant) {
      const object = await get(id, variant);
      // The body comes after the answer's head, and may be cut off on its way as the head may not arrive.
      return object?.Body ? Buffer.from(await object.Body.transformToByteArray().catch((error: unknown) => Promise.reject(readFailure(error)))) : null;
    },
    async stream(id, variant) {
      const object = await get(id, variant);
      if (!object?.Body) return null;
      return { body: object.Body.transformToWebStream() as ReadableStream<Uint8Array>, length: object.ContentLength ?? 0 };
    },
    remove,
    async has(id) {
      if (!ID.test(id)) return false;
      const heads = [key(id, "full"), key(id, "thumb")].map((objectKey) =>
        client.send(new HeadObjectCommand({ Bucket: config.bucket, Key: objectKey })).then(
          () => true,
          (error: unknown) => {
            if (missing(error)) return false;
            throw error;
          },
        ),
      );
      return (await Promise.all(heads)).every(Boolean);
    },
    async sweep(keep, before) {
      let removed = 0;
      let token: string | undefined;
      do {
        // Only this folder's own objects: a deployment whose prefix lies inside it keeps its images out of reach.
        const page = await client.send(new ListObjectsV2Command({ Bucket: config.bucket, Prefix: folder, Delimiter: "/", ContinuationToken: token }));
        for (const object of page.Contents ?? []) {
          const id = object.Key?.slice(folder.length).split(".")[0] ?? "";
          if (!object.Key || keep.has(id) || (object.LastModified?.getTime() ?? 0) >= before + serverAhead) continue;
          await removeObject(object.Key);
          removed++;
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return removed;
    },
  };
};
