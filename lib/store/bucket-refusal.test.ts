import { S3ServiceException } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { bucketRefusal } from "./bucket-refusal";

/** The answers the real server in image-store.test.ts cannot give: AWS's for a bucket in another region. */

const answered = (status: number) => new S3ServiceException({ name: "Unknown", message: "UnknownError", $fault: "client", $metadata: { httpStatusCode: status } });
const onAws = { bucket: "images", endpoint: null, region: "us-east-1", credentials: null };

describe("the refusal of a bucket that cannot be used", () => {
  it.each([301, 400])("%i from AWS: the region", (status) => {
    expect(bucketRefusal(onAws, answered(status))).toBe(
      `The image bucket images cannot be used: AWS us-east-1 answered ${status}, which usually means the bucket is in another region. Check S3_REGION (now us-east-1) and S3_ENDPOINT.`,
    );
  });

  it("403 with the SDK's own credentials: says the S3 keys are not set", () => {
    expect(bucketRefusal(onAws, answered(403))).toMatch(/answered 403 \(access denied\)\. Check the SDK's own credentials \(S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are not set\)/);
  });

  it("another status: said with the SDK's words", () => {
    expect(bucketRefusal(onAws, answered(500))).toBe("The image bucket images cannot be used: AWS us-east-1 answered 500 (UnknownError). Check S3_ENDPOINT and S3_BUCKET.");
  });
});
