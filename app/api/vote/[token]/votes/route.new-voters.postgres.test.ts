import { afterAll, describe, expect } from "vitest";
import { openPostgres } from "@/lib/store/open-postgres";
import { createSqlStore } from "@/lib/store/sql-store";
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
    alsoRefused: async (pollId, address) => {
      const another = createSqlStore(await openPostgres((await schema).url, { maxConnections: 1 }));
      try {
        const vote = { pollId, item: 0, voter: "a-voter-of-another-instance", choice: { kind: "tie" as const }, createdAt: Date.now() };
        expect(await another.castVote(vote, { address, perHour: 2 })).toEqual({ newVotersFullForMs: expect.any(Number) });
      } finally {
        await another.close();
      }
    },
  }));
