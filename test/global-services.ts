import type { TestProject } from "vitest/node";
import { startPostgresCluster } from "./services/postgres-cluster";
import { startSwiftServer } from "./services/swift-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** A throwaway cluster's admin URL: each store under test makes its own schema in it. */
    postgresUrl: string;
    /** A throwaway S3-compatible server (Swift with s3api): each image store under test takes its own prefix. */
    s3: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string };
  }
}

/** Real services the unit tests need, started once for the run (side by side) and removed after it. */
export default async function setup(project: TestProject) {
  const [postgres, swift] = await Promise.allSettled([startPostgresCluster(), startSwiftServer()]);
  const stop = () => {
    if (postgres.status === "fulfilled") postgres.value.stop();
    if (swift.status === "fulfilled") swift.value.stop();
  };
  if (postgres.status === "rejected" || swift.status === "rejected") {
    stop();
    throw postgres.status === "rejected" ? postgres.reason : (swift as PromiseRejectedResult).reason;
  }
  project.provide("postgresUrl", postgres.value.url);
  const { endpoint, region, accessKeyId, secretAccessKey } = swift.value;
  project.provide("s3", { endpoint, region, accessKeyId, secretAccessKey });
  return stop;
}
