import { useMutation } from "@tanstack/react-query";
import type { AppErrorBody, ErrorCode, FieldIssue } from "../errors";
import type { GenerationResult } from "../generation/result";
import type { GenerateRequest } from "../models/request-schema";

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
  typeof value === "object" &&
  value !== null &&
  typeof (value as { error?: { message?: unknown } }).error?.message === "string";

export const postGenerate = async (input: GenerateRequest, signal?: AbortSignal): Promise<GenerationResult> => {
  let response: Response;
  try {
    response = await fetch("/api/generate", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(input),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw new ApiError("cancelled", 499, "Cancelled.");
    throw new ApiError("network", 0, "Could not reach the playground server. Check your connection and try again.", undefined, undefined);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isErrorBody(body)) {
      const { code, message, retryAfterSeconds, fields } = body.error;
      throw new ApiError(code, response.status, message, retryAfterSeconds, fields);
    }
    throw new ApiError("internal_error", response.status, `The playground server answered ${response.status} without an explanation.`);
  }
  return body as GenerationResult;
};

export type GenerateVariables = { readonly input: GenerateRequest; readonly signal: AbortSignal };

export const useGenerateMutation = () =>
  useMutation<GenerationResult, ApiError, GenerateVariables>({
    mutationKey: ["generate"],
    mutationFn: ({ input, signal }) => postGenerate(input, signal),
  });
