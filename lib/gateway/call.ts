import { setTimeout as delay } from "node:timers/promises";
import { Agent, fetch } from "undici";
import { AppError } from "../errors";
import { editOutputSize } from "../edit/output-size";
import { isSentEdit, type GatewayResult, type SentRequest } from "../generation/result";
import { getEditModel } from "../models/edit-models";
import { readTextCapped } from "../http/read-json-body";
import { DEFAULT_CONNECT_TIMEOUT_MS } from "./config";
import { redact } from "./redact";
import { DEFAULT_RETRY_POLICY, decideRetry, describeFailure, type AttemptFailure, type RetryPolicy } from "./retry-policy";
import { mapUpstreamError, parseRetryAfter } from "./upstream-errors";
import { buildRequestBody, requestPath, type RequestStyle } from "./request-body";
import { parseGenerationResponse } from "./wire";

/**
 * One generation call over HTTP, with the target and key handed in. client.ts decides the target from the
 * environment; this part stays free of Next so the tests run it against the simulator on a real socket.
 */

export type GatewayTarget = { readonly baseUrl: string; readonly apiKey: string };

export type CallOptions = {
  readonly requestStyle: RequestStyle;
  /** The whole call: every attempt and every wait between them. */
  readonly timeoutMs: number;
  /** How long one attempt may take to open its connection (TCP and TLS); the model's work is not counted. */
  readonly connectTimeoutMs?: number;
  readonly maxRetries?: number;
  readonly maxRetryWaitMs?: number;
  readonly backoffMs?: readonly number[];
  /** Told the number (from 1) of each attempt as it starts. */
  readonly onAttempt?: (attempt: number) => void;
};

/**
 * The largest answer that can honestly hold the requested images: each as uncompressed RGBA in base64,
 * plus room for the JSON around it. Anything beyond is cut off before it can exhaust the server's memory.
 */
export const maxResponseBytes = (request: SentRequest): number => {
  // An edit that follows its input comes out at a size the upstream picks: allow the largest any model makes.
  const size = isSentEdit(request) ? (request.size ?? { width: Math.max(2048, editOutputSize(getEditModel(request.model), request).width), height: 2048 }) : request;
  return request.n * (Math.ceil((size.width * size.height * 4 * 4) / 3) + 64 * 1024) + 1024 * 1024;
};

/**
 * Socket errors that prove the request never reached the gateway: refused, or never connected. A reset or
 * a dropped socket may come after the POST went out, while the model works (and bills), so those are not
 * retried.
 */
const NO_RESPONSE_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * One connection pool per connect timeout. The gateway answers only when the images exist (30 s to 2 min on
 * slow models), so undici's own header and body timeouts are off: the whole-call timeout governs those.
 */
const agents = new Map<number, Agent>();
const agentFor = (connectTimeoutMs: number): Agent => {
  let agent = agents.get(connectTimeoutMs);
  if (!agent) {
    agent = new Agent({ connect: { timeout: connectTimeoutMs }, headersTimeout: 0, bodyTimeout: 0 });
    agents.set(connectTimeoutMs, agent);
  }
  return agent;
};

const noResponseCode = (error: unknown): string | undefined => {
  if (!(error instanceof TypeError)) return undefined;
  const code: unknown = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && NO_RESPONSE_CODES.has(code) ? code : undefined;
};

const seconds = (ms: number): number => Number((ms / 1000).toFixed(1));

type AttemptOutcome =
  | { readonly ok: true; readonly text: string }
  /** `failure` is null where retrying is out of the question (a timeout, a cancel, an unreadable body). */
  | { readonly ok: false; readonly error: AppError; readonly failure: AttemptFailure | null };

export const callGateway = async (
  target: GatewayTarget,
  options: CallOptions,
  sent: SentRequest,
  signal?: AbortSignal,
): Promise<GatewayResult> => {
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    maxRetryWaitMs: options.maxRetryWaitMs ?? DEFAULT_RETRY_POLICY.maxRetryWaitMs,
    backoffMs: options.backoffMs ?? DEFAULT_RETRY_POLICY.backoffMs,
  };
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const whole = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const started = performance.now();
  const body = JSON.stringify(buildRequestBody(sent, options.requestStyle));

  const explain = (error: unknown): AppError => {
    if (error instanceof AppError) return error;
    if (signal?.aborted) return new AppError("cancelled", "The generation was cancelled.");
    if (timeout.aborted) {
      return new AppError(
        "timeout",
        `No answer from the gateway within ${seconds(options.timeoutMs)} seconds. Try again, perhaps with fewer images.`,
      );
    }
    if (noResponseCode(error) === "UND_ERR_CONNECT_TIMEOUT") {
      return new AppError(
        "upstream_unreachable",
        `Could not connect to the image gateway within ${seconds(connectTimeoutMs)} seconds. Check the server's network and ONETOKEN_BASE_URL.`,
      );
    }
    const cause = error instanceof Error && error.cause !== undefined ? ` (${String(error.cause)})` : "";
    console.error(redact(`gateway call failed: ${String(error)}${cause}`, [target.apiKey]));
    return new AppError("upstream_unreachable", "Could not reach the image gateway. Check the server's network and ONETOKEN_BASE_URL.");
  };

  const attemptOnce = async (): Promise<AttemptOutcome> => {
    let response: Awaited<ReturnType<typeof fetch>>;
    try {
      response = await fetch(`${target.baseUrl}${requestPath(sent)}`, {
        method: "POST",
        headers: { authorization: `Bearer ${target.apiKey}`, "content-type": "application/json", accept: "application/json" },
        body,
        signal: whole,
        // A redirect could steer the key to another host, and a POST must never be silently replayed there.
        redirect: "error",
        dispatcher: agentFor(connectTimeoutMs),
      });
    } catch (error) {
      const code = whole.aborted ? undefined : noResponseCode(error);
      return { ok: false, error: explain(error), failure: code ? { kind: "no_response", code } : null };
    }
    try {
      const text = await readTextCapped(
        response.body as ReadableStream<Uint8Array> | null,
        maxResponseBytes(sent),
        () => new AppError("bad_upstream_response", "The gateway's answer was too large to be an image result. Try fewer images."),
        whole,
      );
      if (response.ok) return { ok: true, text };
      const retryAfter = response.headers.get("retry-after");
      const error = mapUpstreamError({ status: response.status, retryAfter, body: text, model: sent.model, task: isSentEdit(sent) ? "edit" : "generation" });
      console.warn(redact(`gateway answered ${response.status} (${error.code}) for ${sent.model}: ${text.slice(0, 300)}`, [target.apiKey]));
      return { ok: false, error, failure: { kind: "status", status: response.status, retryAfterSeconds: parseRetryAfter(retryAfter) } };
    } catch (error) {
      return { ok: false, error: explain(error), failure: null };
    }
  };

  for (let attempt = 1; ; attempt++) {
    options.onAttempt?.(attempt);
    const outcome = await attemptOnce();
    if (outcome.ok) {
      const { created, images } = parseGenerationResponse(outcome.text);
      return { request: sent, images, created, durationMs: Math.round(performance.now() - started) };
    }
    if (!outcome.failure || whole.aborted) throw outcome.error;
    const decision = decideRetry(attempt, outcome.failure, policy, options.timeoutMs - (performance.now() - started));
    if (!decision.retry) throw outcome.error;
    console.warn(
      redact(
        `gateway attempt ${attempt} for ${sent.model} failed (${describeFailure(outcome.failure)}); retrying in ${decision.waitMs} ms`,
        [target.apiKey],
      ),
    );
    try {
      await delay(decision.waitMs, undefined, { signal: whole });
    } catch (error) {
      throw explain(error);
    }
  }
};
