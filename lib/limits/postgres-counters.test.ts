import type { Pool } from "pg";
import { RateLimiterRes } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { postgresCounter } from "./postgres-counters";

describe("counts in PostgreSQL", () => {
  it("go on in this process alone while the database does not answer", async () => {
    const away = { query: () => Promise.reject(new Error("connection refused")) } as unknown as Pool;
    const counter = postgresCounter(away, "generations", 2);
    expect((await counter.consume("session:a", 1)).consumedPoints).toBe(1);
    await counter.consume("session:a", 1);
    await expect(counter.consume("session:a", 1)).rejects.toBeInstanceOf(RateLimiterRes);
    await counter.reward("session:a", 1);
    expect((await counter.get("session:a"))?.consumedPoints).toBe(2);
    expect(await counter.get("session:b")).toBeNull();
  });
});
