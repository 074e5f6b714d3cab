import { describe, expect, it } from "vitest";
import { isModelFailure, mapUpstreamError, parseRetryAfter, upstreamErrorCode } from "./upstream-errors";

const dashscope = (code: string) => JSON.stringify({ code, message: `internal detail for ${code}`, request_id: "req-123" });
const openai = (code: string | null, type = "invalid_request_error") =>
  JSON.stringify({ error: { message: "internal detail", type, param: null, code } });

const map = (status: number, body: string, retryAfter: string | null = null) =>
  mapUpstreamError({ status, body, retryAfter, model: "wan2.6-t2i", task: "generation" });

describe("upstream error mapping", () => {
  it.each([
    [400, dashscope("InvalidParameter"), "parameter_rejected", 422],
    [400, dashscope("DataInspectionFailed"), "moderation_refused", 422],
    [400, dashscope("Arrearage"), "out_of_credit", 402],
    [401, dashscope("InvalidApiKey"), "bad_api_key", 502],
    [403, dashscope("AccessDenied"), "model_access_denied", 403],
    [403, dashscope("Model.AccessDenied"), "model_access_denied", 403],
    [404, dashscope("ModelNotFound"), "model_not_found", 404],
    [408, dashscope("RequestTimeOut"), "timeout", 504],
    [429, dashscope("Throttling"), "rate_limited", 429],
    [429, dashscope("Throttling.RateQuota"), "rate_limited", 429],
    [429, dashscope("Throttling.AllocationQuota"), "rate_limited", 429],
    [500, dashscope("InternalError"), "upstream_error", 502],
    [500, dashscope("InternalError.Algo"), "upstream_error", 502],
    [500, dashscope("InternalError.Timeout"), "upstream_error", 502],
    [503, dashscope("ModelUnavailable"), "model_unavailable", 503],
    [400, openai("content_policy_violation"), "moderation_refused", 422],
    [401, openai("invalid_api_key"), "bad_api_key", 502],
    [429, openai("rate_limit_exceeded", "rate_limit_error"), "rate_limited", 429],
    [500, openai(null, "server_error"), "upstream_error", 502],
    // OpenAI's coarse type does not overrule a status that says more.
    [404, openai(null), "model_not_found", 404],
    [403, openai(null), "model_access_denied", 403],
    [429, openai(null), "rate_limited", 429],
    [400, openai(null), "parameter_rejected", 422],
    [502, "<html><body>502 Bad Gateway</body></html>", "upstream_error", 502],
    [504, "upstream timed out", "timeout", 504],
    [401, "", "bad_api_key", 502],
    [418, "{}", "parameter_rejected", 422],
    // A one-api or new-api relay's drained account: out of credit, not a model the key may not use.
    [403, openai("insufficient_user_quota", "new_api_error"), "out_of_credit", 402],
    [403, openai("pre_consume_token_quota_failed", "one_api_error"), "out_of_credit", 402],
    [400, dashscope("IPInfringementSuspect"), "moderation_refused", 422],
  ])("HTTP %i %s -> %s (%i)", (status, body, code, appStatus) => {
    const error = map(status, body);
    expect(error.code).toBe(code);
    expect(error.status).toBe(appStatus);
  });

  it("says a spent quota is a quota, not a moment's burst", () => {
    expect(map(429, dashscope("Throttling.AllocationQuota"), "30").message).toBe(
      "The gateway account's quota for wan2.6-t2i is used up for now. Try again in 30 seconds; if it keeps happening, the quota needs raising.",
    );
    expect(map(429, dashscope("Throttling.RateQuota"), "30").message).toBe("The gateway is limiting requests right now. Try again in 30 seconds.");
  });

  it("never passes on the upstream's own message or request id", () => {
    for (const body of [dashscope("InvalidParameter"), openai("invalid_api_key"), dashscope("Weird.Code")]) {
      const error = map(400, body);
      expect(error.message).not.toMatch(/internal detail|req-123/);
    }
  });

  it("tells the user how long to wait on 429 and 503 when the gateway says", () => {
    const limited = map(429, dashscope("Throttling.RateQuota"), "7");
    expect(limited.retryAfterSeconds).toBe(7);
    expect(limited.message).toBe("The gateway is limiting requests right now. Try again in 7 seconds.");
    expect(map(429, "", null).message).toContain("in a little while");
    expect(map(503, dashscope("ModelUnavailable"), "1").message).toBe(
      "wan2.6-t2i is temporarily unavailable. Try again in 1 second, or pick another model.",
    );
    expect(map(500, dashscope("InternalError"), "5").retryAfterSeconds).toBeUndefined();
  });

  it("writes a message per case that a person can act on", () => {
    expect(map(400, dashscope("DataInspectionFailed")).message).toMatch(/content moderation refused this prompt/);
    expect(map(401, dashscope("InvalidApiKey")).message).toMatch(/ONETOKEN_API_KEY/);
    expect(map(403, dashscope("Model.AccessDenied")).message).toMatch(/may not use wan2.6-t2i/);
    expect(map(404, dashscope("ModelNotFound")).message).toBe("The gateway does not know the model wan2.6-t2i.");
    // A page, not an API error: the address may be wrong as much as the model.
    expect(map(404, "<html><body><h1>404 Not Found</h1></body></html>").message).toBe(
      "The gateway answered 404 without an API error: it does not know the model wan2.6-t2i, or ONETOKEN_BASE_URL does not point at the gateway.",
    );
  });

  it("names the input image where an edit's refusal can be about it, and the edits endpoint on a 404", () => {
    const edit = (status: number, body: string) => mapUpstreamError({ status, body, retryAfter: null, model: "qwen-image-edit-plus", task: "edit" });
    expect(edit(400, dashscope("DataInspectionFailed")).message).toBe(
      "The content moderation refused this edit: its input image, its instruction or the negative prompt. Change one of them and try again.",
    );
    expect(edit(400, dashscope("InvalidParameter")).message).toBe(
      "qwen-image-edit-plus refused one of the settings or the input image. Check the size, the number of images, the instruction's length and the input image for this model.",
    );
    expect(edit(404, "Not Found").message).toBe("The gateway does not know the model qwen-image-edit-plus, or does not edit images with it (POST /v1/images/edits).");
    // The kinds, and so the HTTP statuses the browser gets, are the same as a generation's.
    expect(edit(400, dashscope("InvalidParameter")).code).toBe(map(400, dashscope("InvalidParameter")).code);
  });
});

describe("upstream error code", () => {
  it("reads both envelopes and nothing from non-JSON", () => {
    expect(upstreamErrorCode(dashscope("Arrearage"))).toEqual({ code: "Arrearage", type: "" });
    expect(upstreamErrorCode(openai("insufficient_quota"))).toEqual({ code: "insufficient_quota", type: "invalid_request_error" });
    expect(upstreamErrorCode(openai(null, "server_error"))).toEqual({ code: "", type: "server_error" });
    expect(upstreamErrorCode("<html/>")).toEqual({ code: "", type: "" });
    expect(upstreamErrorCode("null")).toEqual({ code: "", type: "" });
  });

  it("knows the model's own failure (not billed) from a timeout's or a proxy's code (which may hide work done)", () => {
    for (const code of ["InternalError", "InternalError.Algo", "InternalError.Timeout"]) expect(isModelFailure(upstreamErrorCode(dashscope(code)))).toBe(true);
    expect(isModelFailure(upstreamErrorCode(openai("internal_error", "server_error")))).toBe(true);
    expect(isModelFailure(upstreamErrorCode(openai(null, "server_error")))).toBe(true);
    for (const body of [dashscope("RequestTimeOut"), openai("gateway_timeout", "server_error"), "<html>502 Bad Gateway</html>"]) expect(isModelFailure(upstreamErrorCode(body))).toBe(false);
  });

  it("reads a code Model Studio's native envelope names inside its output (a 200 that is a refusal)", () => {
    const body = JSON.stringify({ request_id: "r-1", output: { code: "DataInspectionFailed", message: "Input data may contain inappropriate content." } });
    expect(upstreamErrorCode(body)).toEqual({ code: "DataInspectionFailed", type: "" });
    expect(map(200, body).code).toBe("moderation_refused");
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("12")).toBe(12);
    expect(parseRetryAfter("3000000000")).toBe(86_400);
    expect(parseRetryAfter("Fri, 01 Jan 2100 00:00:00 GMT")).toBe(86_400);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
  });
});
