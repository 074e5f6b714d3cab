import { OWN_CHANGE_HEADER } from "../events/sse";
import type { AppErrorBody, ErrorCode, FieldIssue } from "../errors";

/** Said when no answer came at all (written here, in the browser, as the server never saw the request). */
export const NETWORK_ERROR = "Could not reach the playground server. Check your connection and try again.";

/** The browser's view of a failed call: the server's own message, or a plain one when there was no answer. */
export class ApiError extends Error {
  readonly code: ErrorCode | "network";
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;
  readonly fields: readonly FieldIssue[];

  constructor(code: ErrorCode | "network", status: number, message: string, retryAfterSeconds?: number, fields?: readonly FieldIssue[]) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
    this.fields = fields ?? [];
  }
}

const isErrorBody = (value: unknown): value is AppErrorBody =>
  typeof value === "object" && value !== null && typeof (value as { error?: { message?: unknown } }).error?.message === "string";

/** fetch for the app's own API: the answer when it is a success, or an ApiError a person can read. */
export const apiResponse = async (path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> => {
  const { json, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(path, {
      ...rest,
      ...(json !== undefined && { body: JSON.stringify(json), headers: { "content-type": "application/json", ...rest.headers } }),
    });
  } catch (error) {
    if (rest.signal?.aborted) throw error;
    throw new ApiError("network", 0, NETWORK_ERROR);
  }
  if (response.ok) return response;
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) {
    const { code, message, retryAfterSeconds, fields } = body.error;
    throw new ApiError(code, response.status, message, retryAfterSeconds, fields);
  }
  throw new ApiError("internal_error", response.status, `The playground server answered ${response.status} without an explanation.`);
};

/** This tab's own change of an item, answered: the item as it now is, and the last change of it on record. */
export type OwnChange<T> = { readonly item: T; readonly changeId: number | null };

/** The same for a change of one history item (a star, a reveal, a cancel): the item, and its change's id. */
export const apiChange = async <T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<OwnChange<T>> => {
  const response = await apiResponse(path, init);
  const changeId = Number(response.headers.get(OWN_CHANGE_HEADER) ?? Number.NaN);
  return { item: (await response.json()) as T, changeId: Number.isSafeInteger(changeId) ? changeId : null };
};

/** The same for its JSON answers: the parsed body. */
export const apiFetch = async <T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> => {
  const response = await apiResponse(path, init);
  if (response.status === 204) return undefined as T;
  return (await response.json().catch(() => null)) as T;
};
