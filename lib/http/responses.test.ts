import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../errors";
import { BUCKET_UNREACHED, markUnreached } from "../store/unreachable";
import { respond } from "./responses";

/** What a route answers for what its work throws. */

afterEach(() => vi.restoreAllMocks());

describe("a route's answer to a failure", () => {
  it("says that the database cannot be reached, with when to try again, and logs one line without a stack", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = await respond(async () => {
      // As the database's pool marks it (lib/store/open-postgres.ts).
      throw markUnreached(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5711"), { code: "ECONNREFUSED" }));
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({
      error: { code: "database_unavailable", message: "The playground's database cannot be reached right now (it may be restarting). Try again in a few seconds.", retryAfterSeconds: 5 },
    });
    expect(errors.mock.calls).toEqual([["a request found the database unreachable: Error: connect ECONNREFUSED 127.0.0.1:5711"]]);
  });

  it("logs the image store's outage in one line with its reason, and answers it as the store said it", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8080"), { code: "ECONNREFUSED" });
    const response = await respond(async () => Promise.reject(new AppError("storage_unavailable", BUCKET_UNREACHED, { retryAfterSeconds: 5, cause })));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(errors.mock.calls).toEqual([["a request found the image store unreachable: Error: connect ECONNREFUSED 127.0.0.1:8080"]]);
  });

  it("keeps the app's own errors, and answers anything else as the server's fault with its stack logged", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect((await respond(async () => Promise.reject(new AppError("not_found", "Gone.")))).status).toBe(404);
    // Refused, but not by the database (the image bucket, say): not said to be the database's.
    const elsewhere = await respond(async () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8080"), { code: "ECONNREFUSED" })));
    expect(elsewhere.status).toBe(500);
    const lost = await respond(async () => Promise.reject(Object.assign(new Error("Connection terminated unexpectedly"), { code: undefined })));
    expect(lost.status).toBe(500);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/^Error: Connection terminated unexpectedly\n\s+at /));
  });
});
