import type { TestProject } from "vitest/node";
import { startPostgresCluster } from "./services/postgres-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    /** A throwaway cluster's admin URL: each store under test makes its own schema in it. */
    postgresUrl: string;
  }
}

/** Services the unit tests need, started once for the run and removed after it. */
export default async function setup(project: TestProject) {
  const postgres = await startPostgresCluster();
  project.provide("postgresUrl", postgres.url);
  return () => postgres.stop();
}
