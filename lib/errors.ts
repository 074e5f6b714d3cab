/**
 * The app's one error type. Whatever goes wrong (bad input, the gateway refusing, a timeout), the browser
 * gets `{ error: { code, message, ... } }` with a message written for a person and an HTTP status that fits.
 */

export const ERROR_CODES = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  daily_limit_reached: 429,
  busy: 503,
  storage_full: 507,
  storage_unavailable: 503,
  database_unavailable: 503,
  payload_too_large: 413,
  unsupported_media_type: 415,
  moderation_refused: 422,
  parameter_rejected: 422,
  out_of_credit: 402,
  bad_api_key: 502,
  model_access_denied: 403,
  model_not_found: 404,
  rate_limited: 429,
  timeout: 504,
  model_unavailable: 503,
  upstream_error: 502,
  upstream_unreachable: 502,
  bad_upstream_response: 502,
  cancelled: 499,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export type FieldIssue = { readonly field: string; readonly message: string };

export type AppErrorBody = {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly retryAfterSeconds?: number;
    readonly fields?: readonly FieldIssue[];
  };
};

type AppErrorExtra = {
  readonly retryAfterSeconds?: number;
  readonly fields?: readonly FieldIssue[];
  readonly cause?: unknown;
  readonly requestId?: string;
  readonly taskId?: string;
  readonly billedImages?: number | null;
};

/**
 * The server bundles a module once per graph (a page's and each route's), while the history and its job
 * runner are one per process: an AppError thrown by a runner that a page created must still be an AppError
 * to a route. So `instanceof` asks for this mark, which every copy of the class shares, not for the copy.
 */
const MARK = Symbol.for("onetoken-playground.AppError");

export class AppError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && MARK in value;
  }

  readonly [MARK] = true;
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;
  readonly fields: readonly FieldIssue[] | undefined;
  /** The gateway's id of the call (and of its task) that failed, for the user to quote to its support. */
  readonly requestId: string | undefined;
  readonly taskId: string | undefined;
  /**
   * What a failed gateway call may have cost: the images it billed (0 where the failure proves the gateway
   * did no work), or null where it cannot be told (a timeout or a reset while the request was out, a 5xx, an
   * answer that could not be read). Undefined on errors that are not about a gateway call.
   */
  readonly billedImages: number | null | undefined;
  private readonly extra: AppErrorExtra;

  constructor(code: ErrorCode, message: string, extra: AppErrorExtra = {}) {
    super(message, { cause: extra.cause });
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_CODES[code];
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.fields = extra.fields;
    this.requestId = extra.requestId;
    this.taskId = extra.taskId;
    this.billedImages = extra.billedImages;
    this.extra = extra;
  }

  /** The same error with more said about it. */
  with(more: AppErrorExtra): AppError {
    return new AppError(this.code, this.message, { ...this.extra, ...more });
  }

  toBody(): AppErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.retryAfterSeconds !== undefined && { retryAfterSeconds: this.retryAfterSeconds }),
        ...(this.fields && { fields: this.fields }),
      },
    };
  }

  toResponse(): Response {
    const headers = new Headers({ "cache-control": "no-store" });
    if (this.retryAfterSeconds !== undefined) headers.set("retry-after", String(this.retryAfterSeconds));
    return Response.json(this.toBody(), { status: this.status, headers });
  }
}

/** Anything thrown that is not an AppError is a bug: say so plainly without leaking its details. */
export const toAppError = (error: unknown): AppError =>
  error instanceof AppError
    ? error
    : new AppError("internal_error", "Something went wrong on the playground server. Try again; if it persists, check the server log.", {
        cause: error,
      });
