import { AppError } from "../errors";
import type { GatewayResult, SentRequest } from "../generation/result";
import { readTextCapped } from "../http/read-json-body";
import { redact } from "./redact";
import { mapUpstreamError } from "./upstream-errors";
import { buildRequestBody, parseGenerationResponse, type RequestStyle } from "./wire";

/**
 * One generation call over HTTP, with the target and key handed in. client.ts decides the target from the
 * environment; this part stays free of Next so the tests run it against the simulator on a real socket.
 */

export type GatewayTarget = { readonly baseUrl: string; readonly apiKey: string };
export type CallOptions = { readonly requestStyle: RequestStyle; readonly timeoutMs: number };

/**
 * The largest answer that can honestly hold the requested images: each as uncompressed RGBA in base64,
 * plus room for the JSON around it. Anything beyond is cut off before it can exhaust the server's memory.
 */
export const maxResponseBytes = (request: SentRequest): number =>
  request.n * (Math.ceil((request.width * request.height * 4 * 4) / 3) + 64 * 1024) + 1024 * 1024;

export const callGateway = async (
  target: GatewayTarget,
  options: CallOptions,
  sent: SentRequest,
  signal?: AbortSignal,
): Promise<GatewayResult> => {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const started = performance.now();

  const failure = (error: unknown): AppError => {
    if (error instanceof AppError) return error;
    if (signal?.aborted) return new AppError("cancelled", "The generation was cancelled.");
    if (timeout.aborted) {
      return new AppError(
        "timeout",
        `No answer from the gateway within ${Number((options.timeoutMs / 1000).toFixed(1))} seconds. Try again, perhaps with fewer images.`,
      );
    }
    console.error(redact(`gateway call failed: ${String(error)}`, [target.apiKey]));
    return new AppError("upstream_unreachable", "Could not reach the image gateway. Check the server's network and ONETOKEN_BASE_URL.");
  };

  try {
    const response = await fetch(`${target.baseUrl}/v1/images/generations`, {
      method: "POST",
      headers: { authorization: `Bearer ${target.apiKey}`, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(buildRequestBody(sent, options.requestStyle)),
      signal: combined,
      redirect: "error",
      cache: "no-store",
    });
    const text = await readTextCapped(
      response.body,
      maxResponseBytes(sent),
      () => new AppError("bad_upstream_response", "The gateway's answer was too large to be an image result. Try fewer images."),
    );
    if (!response.ok) {
      const error = mapUpstreamError({
        status: response.status,
        retryAfter: response.headers.get("retry-after"),
        body: text,
        model: sent.model,
      });
      console.warn(redact(`gateway answered ${response.status} (${error.code}) for ${sent.model}: ${text.slice(0, 300)}`, [target.apiKey]));
      throw error;
    }
    const { created, images } = parseGenerationResponse(text);
    return { request: sent, images, created, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    throw failure(error);
  }
};
