import { S3ServiceException } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { bucketRefusal } from "./bucket-refusal";

/** The answers the real server in image-store.test.ts cannot give: AWS's for a bucket in another region. */

const answered = (status: number) => new S3ServiceException({ name: "Unknown", message: "UnknownError", $fault: "client", $metadata: { httpStatusCode: status } });
const onAws = { bucket: "images", endpoint: null, region: "us-east-1", credentials: null };
const atMinio = { ...onAws, endpoint: "http://minio.internal:9000" };
/** What the SDK's own chain throws (as @smithy/core's CredentialsProviderError) with no keys anywhere. */
const noCredentials = Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
const unreachable = Object.assign(new Error("getaddrinfo ENOTFOUND images.s3.us-east1.amazonaws.com"), { code: "ENOTFOUND" });

describe("the refusal of a bucket that cannot be used", () => {
  it.each([301, 400])("%i from AWS: the region", (status) => {
    expect(bucketRefusal(onAws, answered(status))).toBe(
      `The image bucket images cannot be used: AWS us-east-1 answered ${status}, which usually means the bucket is in another region. Check S3_REGION (now us-east-1) and S3_ENDPOINT.`,
    );
  });

  it("403 with the SDK's own credentials: says the S3 keys are not set", () => {
    expect(bucketRefusal(onAws, answered(403))).toMatch(/answered 403 \(access denied\)\. Check the SDK's own credentials \(S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are not set\)/);
  });

  it("no credentials found by the SDK's own chain: the keys, not the endpoint", () => {
    expect(bucketRefusal(atMinio, noCredentials)).toBe(
      "The image bucket images cannot be used: no credentials to sign its requests to http://minio.internal:9000 were found (Could not load credentials from any providers). Check the SDK's own credentials (S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are not set).",
    );
  });

  it("no answer: S3_ENDPOINT when it is set, otherwise the network and the region AWS's address is made from", () => {
    expect(bucketRefusal(atMinio, unreachable)).toMatch(/: http:\/\/minio\.internal:9000 could not be reached \(getaddrinfo ENOTFOUND [^)]+\)\. Check S3_ENDPOINT\.$/);
    expect(bucketRefusal(onAws, unreachable)).toMatch(/: AWS us-east-1 could not be reached \(getaddrinfo ENOTFOUND [^)]+\)\. Check the network, and S3_REGION \(now us-east-1\)\.$/);
  });

  it("another status: said with the SDK's words", () => {
    expect(bucketRefusal(onAws, answered(500))).toBe("The image bucket images cannot be used: AWS us-east-1 answered 500 (UnknownError). Check S3_ENDPOINT and S3_BUCKET.");
  });
});
