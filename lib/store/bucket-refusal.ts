import { S3ServiceException } from "@aws-sdk/client-s3";
import { errorText } from "../error-text";
import type { S3Config } from "./s3-images";

/**
 * Told by name: its class is in @smithy/core, which is not this project's to import. It is what the SDK's own
 * chain throws when neither the S3 keys nor the environment nor an instance role give it any.
 */
const noCredentials = (error: unknown) => error instanceof Error && error.name === "CredentialsProviderError";

/**
 * The start-up refusal of a bucket that cannot be used, naming the setting to check. HeadBucket's answers
 * have no body, so the SDK's own name and message for them are placeholders ("Unknown", "UnknownError"):
 * the HTTP status is what tells a wrong key from a missing bucket or another region.
 */
export const bucketRefusal = (config: Pick<S3Config, "bucket" | "endpoint" | "region" | "credentials">, error: unknown): string => {
  const where = config.endpoint ?? `AWS ${config.region}`;
  const start = `The image bucket ${config.bucket} cannot be used`;
  const keys = config.credentials ? "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY" : "the SDK's own credentials (S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are not set)";
  if (noCredentials(error)) return `${start}: no credentials to sign its requests to ${where} were found (${errorText(error)}). Check ${keys}.`;
  const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
  if (status === undefined) {
    // Without S3_ENDPOINT the address is AWS's own, made from the region: a typo there is what fails to resolve.
    const check = config.endpoint ? "S3_ENDPOINT" : `the network, and S3_REGION (now ${config.region})`;
    return `${start}: ${where} could not be reached (${errorText(error)}). Check ${check}.`;
  }
  if (status === 401 || status === 403) return `${start}: ${where} answered ${status} (access denied). Check ${keys}, and that they may list the bucket.`;
  if (status === 404) return `${start}: ${where} answered 404, it has no such bucket. Check S3_BUCKET and S3_ENDPOINT, or create the bucket.`;
  // AWS answers a bucket asked of the wrong region with a redirect (301) or a malformed-authorization 400.
  if (status === 301 || status === 400) return `${start}: ${where} answered ${status}, which usually means the bucket is in another region. Check S3_REGION (now ${config.region}) and S3_ENDPOINT.`;
  return `${start}: ${where} answered ${status} (${errorText(error)}). Check S3_ENDPOINT and S3_BUCKET.`;
};
