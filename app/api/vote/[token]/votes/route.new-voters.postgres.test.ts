import { afterAll, describe, expect } from "vitest";
import { createNewVoterLimit, postgresCounters } from "@/lib/limits/rate-limit";
import { openPostgres } from "@/lib/store/open-postgres";
import { freshPostgresSchema } from "@/test/store-backends";
import { newVoterLimitCases } from "@/test/new-voter-route-cases";

/**
 * New voters per poll from one address, on PostgreSQL as a team deploys it: counted in the database, so
 * another instance on it refuses the same address's next new voter too.
 */
const schema = freshPostgresSchema();
afterAll(async () => (await schema).drop());

describe("new voters on PostgreSQL", () =>
  newVoterLimitCases({
    backend: "postgres",
    env: async () => ({ DATABASE_URL: (await schema).url }),
    alsoRefused: async (key) => {
      const another = await openPostgres((await schema).url, { maxConnections: 1 });
      try {
        if (another.backend !== "postgres") throw new Error("not PostgreSQL");
        await expect(createNewVoterLimit(2, postgresCounters(another.pool))(key)).rejects.toMatchObject({ code: "too_many_requests" });
      } finally {
        await another.db.destroy();
      }
    },
  }));
