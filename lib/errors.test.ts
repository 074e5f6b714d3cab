import { describe, expect, it, vi } from "vitest";

describe("the app's error", () => {
  it("is known as itself to another copy of its module, as a route sees one thrown by a runner a page created", async () => {
    const ours = await import("./errors");
    vi.resetModules();
    const theirs = await import("./errors");
    expect(theirs.AppError).not.toBe(ours.AppError);
    const thrown = new theirs.AppError("busy", "Two generations at once, its limit.", { retryAfterSeconds: 5 });
    expect(thrown instanceof ours.AppError).toBe(true);
    const response = ours.toAppError(thrown).toResponse();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { code: "busy", message: "Two generations at once, its limit.", retryAfterSeconds: 5 } });
  });

  it("is not whatever else is thrown", async () => {
    const { AppError, toAppError } = await import("./errors");
    expect(new Error("boom") instanceof AppError).toBe(false);
    expect(toAppError({ code: "busy" }).code).toBe("internal_error");
  });
});
