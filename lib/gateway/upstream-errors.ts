import { AppError, type ErrorCode } from "../errors";
import { englishCount } from "../text/english-count";

/**
 * Turns a gateway error (DashScope's `{code, message}`, OpenAI's `{error: {...}}`, or a proxy's HTML page)
 * into the app's error. The upstream's own message is never passed on: it can carry internals, request
 * ids or echoes of the key. The app writes its own sentence per case instead.
 */

export type UpstreamFailure = {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: string;
  readonly model: string;
  /** An edit's refusals can be about its input image, which a generation does not have. */
  readonly task: "generation" | "edit";
  /** The gateway's ids of the failed call, kept on the error for the user to quote. */
  readonly requestId?: string | null;
  readonly taskId?: string | null;
};

/**
 * The upstream's error code from whichever envelope it used (DashScope's `code`, OpenAI's `error.code`), and
 * OpenAI's `error.type`, a coarser class; "" for what is not there.
 */
export const upstreamErrorCode = (body: string): { readonly code: string; readonly type: string } => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { code: "", type: "" };
  }
  if (typeof json !== "object" || json === null) return { code: "", type: "" };
  const record = json as Record<string, unknown>;
  if (typeof record.code === "string") return { code: record.code, type: "" };
  // Model Studio's native envelope may name it inside `output`, on a 200 as on a failed task.
  const output = record.output;
  if (typeof output === "object" && output !== null && typeof (output as Record<string, unknown>).code === "string") return { code: (output as { code: string }).code, type: "" };
  const nested = record.error;
  if (typeof nested !== "object" || nested === null) return { code: "", type: "" };
  const error = nested as Record<string, unknown>;
  return { code: typeof error.code === "string" ? error.code : "", type: typeof error.type === "string" ? error.type : "" };
};

/**
 * The model's own failure, as the upstream names it: DashScope's InternalError family (InternalError.Algo,
 * InternalError.Timeout: the model failed or ran out of its own time) or an OpenAI-style internal_error. A
 * generation that failed is not billed; a code of a gateway's or a proxy's timeout is not one of these.
 */
export const isModelFailure = ({ code, type }: { readonly code: string; readonly type: string }): boolean =>
  /^InternalError(\.|$)/.test(code) || code === "internal_error" || (code === "" && type === "server_error");

/**
 * The longest wait passed on: a day. A longer one says nothing a person can act on, and a record keeps it in a
 * 32-bit column on PostgreSQL (a larger one failed the write there, and only there).
 */
const RETRY_AFTER_MAX_SECONDS = 86_400;

/** Retry-After as whole seconds, from either of its two forms (delta-seconds or an HTTP date). */
export const parseRetryAfter = (value: string | null, now: number = Date.now()): number | undefined => {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), RETRY_AFTER_MAX_SECONDS);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, Math.ceil((date - now) / 1000)), RETRY_AFTER_MAX_SECONDS);
};

type Kind = Exclude<ErrorCode, "invalid_request" | "payload_too_large" | "unsupported_media_type" | "cancelled" | "internal_error" | "upstream_unreachable" | "bad_upstream_response" | "not_found" | "conflict" | "unauthorized" | "forbidden" | "too_many_requests" | "daily_limit_reached" | "busy" | "storage_full" | "storage_unavailable" | "database_unavailable">;

const kindFromCode = (code: string): Kind | null => {
  const lower = code.toLowerCase();
  if (lower === "") return null;
  // IPInfringementSuspect: a prompt (or input) refused as likely to infringe, a content refusal like the others.
  if (lower.includes("datainspection") || lower.includes("content_policy") || lower.includes("content_filter") || lower.includes("moderation") || lower.includes("infringement")) {
    return "moderation_refused";
  }
  // OpenAI's insufficient_quota; one-api and new-api relays say insufficient_user_quota, or
  // pre_consume_token_quota_failed, with a 403 that must not read as a model the key may not use.
  if (lower === "arrearage" || /insufficient_(user_)?quota|quota_failed/.test(lower) || lower.includes("billing")) return "out_of_credit";
  if (lower === "invalidapikey" || lower.includes("invalid_api_key") || lower === "unauthorized") return "bad_api_key";
  if (lower.includes("accessdenied") || lower.includes("access_denied") || lower.includes("permission")) return "model_access_denied";
  if (lower.includes("modelnotfound") || lower.includes("model_not_found")) return "model_not_found";
  if (lower.includes("throttling") || lower.includes("rate_limit")) return "rate_limited";
  // Before the timeouts: InternalError.Timeout is the service's own fault, not a request too large to finish.
  if (lower.includes("internalerror") || lower.includes("internal_error") || lower.includes("server_error")) return "upstream_error";
  if (lower.includes("requesttimeout") || lower.includes("timeout")) return "timeout";
  if (lower.includes("modelunavailable") || lower.includes("unavailable") || lower.includes("overloaded")) return "model_unavailable";
  if (lower.includes("invalidparameter") || lower.includes("invalid_request") || lower.includes("invalid_parameter")) return "parameter_rejected";
  return null;
};

export const isModerationCode = (code: string): boolean => kindFromCode(code) === "moderation_refused";

const kindFromStatus = (status: number): Kind => {
  if (status === 401) return "bad_api_key";
  if (status === 402) return "out_of_credit";
  if (status === 403) return "model_access_denied";
  if (status === 404) return "model_not_found";
  if (status === 408 || status === 504) return "timeout";
  if (status === 429) return "rate_limited";
  if (status === 503) return "model_unavailable";
  if (status >= 400 && status < 500) return "parameter_rejected";
  return "upstream_error";
};

/** A status that says more than OpenAI's coarse `type` (a 404 with `invalid_request_error` is a model not found). */
const SPECIFIC_STATUSES = new Set([401, 402, 403, 404, 408, 429, 503, 504]);

const isJson = (body: string): boolean => {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
};

const message = (kind: Kind, { model, task, body }: UpstreamFailure, retryAfter: number | undefined, code: string): string => {
  const wait = retryAfter !== undefined ? `in ${englishCount(retryAfter, "second")}` : "in a little while";
  const edit = task === "edit";
  switch (kind) {
    case "moderation_refused":
      return edit
        ? "The content moderation refused this edit: its input image, its instruction or the negative prompt. Change one of them and try again."
        : "The content moderation refused this prompt. Rephrase it (or the negative prompt) and try again.";
    case "out_of_credit":
      return "The gateway account is out of credit. Top it up, then try again.";
    case "bad_api_key":
      return "The gateway did not accept this server's API key. Whoever runs the playground must check ONETOKEN_API_KEY.";
    case "model_access_denied":
      return `This server's API key may not use ${model}. Pick another model or ask for access to it.`;
    case "model_not_found":
      if (edit) return `The gateway does not know the model ${model}, or does not edit images with it (POST /v1/images/edits).`;
      // A page rather than an API error: as likely an address that is not the gateway's as an unknown model.
      return code === "" && !isJson(body)
        ? `The gateway answered 404 without an API error: it does not know the model ${model}, or ONETOKEN_BASE_URL does not point at the gateway.`
        : `The gateway does not know the model ${model}.`;
    case "rate_limited":
      // A quota allotted to this account (requests or tokens a minute), not only a moment's burst.
      return code.toLowerCase() === "throttling.allocationquota"
        ? `The gateway account's quota for ${model} is used up for now. Try again ${wait}; if it keeps happening, the quota needs raising.`
        : `The gateway is limiting requests right now. Try again ${wait}.`;
    case "timeout":
      return `${model} took too long and the gateway gave up. Try again, perhaps with fewer images.`;
    case "model_unavailable":
      return `${model} is temporarily unavailable. Try again ${wait}, or pick another model.`;
    case "parameter_rejected":
      return edit
        ? `${model} refused one of the settings or the input image. Check the size, the number of images, the instruction's length and the input image for this model.`
        : `${model} refused one of the settings. Check the size, the number of images and the prompt length for this model.`;
    case "upstream_error":
      return "The image service failed on its side; try again.";
  }
};

export const mapUpstreamError = (failure: UpstreamFailure): AppError => {
  const { code, type } = upstreamErrorCode(failure.body);
  const kind = kindFromCode(code) ?? (SPECIFIC_STATUSES.has(failure.status) ? null : kindFromCode(type)) ?? kindFromStatus(failure.status);
  const retryAfterSeconds =
    kind === "rate_limited" || kind === "model_unavailable" ? parseRetryAfter(failure.retryAfter) : undefined;
  return new AppError(kind, message(kind, failure, retryAfterSeconds, code), {
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
    ...(failure.requestId && { requestId: failure.requestId }),
    ...(failure.taskId && { taskId: failure.taskId }),
  });
};
