import { setTimeout as delay } from "node:timers/promises";
import { AppError } from "../errors";
import { editOutputSize } from "../edit/output-size";
import { isSentEdit, type GatewayResult, type SentRequest } from "../generation/result";
import { getEditModel } from "../models/edit-models";
import { DEFAULT_ANSWER_GRACE_MS, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_TASK_PATH } from "./config";
import { redact } from "./redact";
import { DEFAULT_RETRY_POLICY, decideRetry, describeFailure, type AttemptFailure, type RetryPolicy } from "./retry-policy";
import { isModelFailure, mapUpstreamError, parseRetryAfter, upstreamErrorCode } from "./upstream-errors";
import { buildRequestBody, requestPath, type RequestStyle } from "./request-body";
import { parseGatewayAnswer, requestIdFromBody, requestIdFromHeaders, type GatewayAnswer, type TaskAnswer, type UpstreamIds } from "./answer";
import { exchange, noResponseCode, RequestNotMade, type Exchange, type ExchangeOptions, type GatewayTarget } from "./exchange";
import { DEFAULT_POLL_INTERVALS_MS, followTask, seconds, taskEndedError } from "./follow-task";
import { answerNotices, billedImages, emptyAnswerError, imagesToKeep } from "./shortfall";

/**
 * One generation call over HTTP, with the target and key handed in. client.ts decides the target from the
 * environment; this part stays free of Next so the tests run it against the simulator on a real socket.
 */

export type { GatewayTarget } from "./exchange";

export const REQUEST_NOT_MADE = "The request to the gateway could not be made from its settings, so nothing was sent. Check ONETOKEN_BASE_URL and ONETOKEN_API_KEY.";
/** A connection that broke once the request was out: the gateway was reached, and may have taken the request. */
export const CONNECTION_BROKE = "The connection to the gateway broke after the request was sent: the gateway may have received it and billed it, and a retry is billed again.";
/** A redirect is never followed (it could carry the key elsewhere): the gateway answered, at another address. */
export const GATEWAY_REDIRECTED = "The gateway answered with a redirect to another address, which is not followed. Check that ONETOKEN_BASE_URL is the gateway's exact address (https or http, host and path).";

export type CallOptions = {
  readonly requestStyle: RequestStyle;
  /** The whole call: every attempt, every wait between them, and the following of a task to its end. */
  readonly timeoutMs: number;
  /** How long one attempt may take to open its connection (TCP and TLS); the model's work is not counted. */
  readonly connectTimeoutMs?: number;
  readonly maxRetries?: number;
  readonly maxRetryWaitMs?: number;
  readonly backoffMs?: readonly number[];
  /** Where a task's status is read, with `{task_id}` for its id. */
  readonly taskPath?: string;
  /** The waits between a task's queries; the last one repeats. */
  readonly pollIntervalsMs?: readonly number[];
  /**
   * How long past `timeoutMs` a success answer's body may still take to arrive. The gateway bills once it
   * answers, so that body is read on through the deadline and a cancel, up to this much longer.
   */
  readonly answerGraceMs?: number;
  /** Told the number (from 1) of each attempt as it starts. */
  readonly onAttempt?: (attempt: number) => void;
};

/** What one call tells its caller while it runs, and what the caller tells it. */
export type CallHooks = {
  /** The gateway answered with a task to follow: its ids, worth keeping before the (long) wait. */
  readonly onTask?: (ids: UpstreamIds) => void;
  /** The generation the call is for, named in its log lines beside the model, so a failure can be found in the history. */
  readonly generationId?: string;
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

/** The sentence of a success answer whose images had not all arrived by the end of its grace (a function of its facts, for the translation tests). */
export const answerStillArriving = (ms: number): string =>
  `The gateway answered, but its images had not finished arriving after ${seconds(ms)} seconds, so the playground stopped reading them. They may have been billed; try again, perhaps with fewer images.`;

type AttemptOutcome =
  | { readonly ok: true; readonly reply: Exchange }
  /** `failure` is null where retrying is out of the question (a timeout, a cancel, an unreadable body). */
  | { readonly ok: false; readonly error: AppError; readonly failure: AttemptFailure | null };

export const callGateway = async (
  target: GatewayTarget,
  options: CallOptions,
  sent: SentRequest,
  signal?: AbortSignal,
  hooks: CallHooks = {},
): Promise<GatewayResult> => {
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    maxRetryWaitMs: options.maxRetryWaitMs ?? DEFAULT_RETRY_POLICY.maxRetryWaitMs,
    backoffMs: options.backoffMs ?? DEFAULT_RETRY_POLICY.backoffMs,
  };
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const answerLimitMs = options.timeoutMs + (options.answerGraceMs ?? DEFAULT_ANSWER_GRACE_MS);
  const answerTimeout = AbortSignal.timeout(answerLimitMs);
  const whole = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const started = performance.now();
  const body = JSON.stringify(buildRequestBody(sent, options.requestStyle));
  const call = { model: sent.model, task: isSentEdit(sent) ? "edit" : "generation" } as const;
  /** Who the log lines are about: the model, and the generation where the caller said which. */
  const about = hooks.generationId ? `${sent.model} (generation ${hooks.generationId})` : sent.model;
  const exchangeOptions: ExchangeOptions = {
    signal: whole,
    connectTimeoutMs,
    maxBytes: maxResponseBytes(sent),
    tooLarge: () => new AppError("bad_upstream_response", "The gateway's answer was too large to be an image result. Try fewer images."),
  };

  const explain = (error: unknown): AppError => {
    if (error instanceof AppError) return error;
    if (answerTimeout.aborted) return new AppError("timeout", answerStillArriving(answerLimitMs));
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
    console.error(redact(`gateway call for ${about} failed: ${String(error)}${cause}`, [target.apiKey]));
    if (error instanceof Error && error.cause instanceof Error && /redirect/i.test(error.cause.message)) return new AppError("upstream_unreachable", GATEWAY_REDIRECTED);
    // Out and not proven undone (a reset, a socket closed mid-answer): not a gateway out of reach.
    if (mayBeWorking) return new AppError("upstream_unreachable", CONNECTION_BROKE);
    return new AppError("upstream_unreachable", "Could not reach the image gateway. Check the server's network and ONETOKEN_BASE_URL.");
  };

  /**
   * Whether a request of this call may be at work upstream: from the moment one is sent until its failure
   * proves it did nothing. A failure that ends the call while this holds may have been billed.
   */
  let mayBeWorking = false;

  const attemptOnce = async (): Promise<AttemptOutcome> => {
    // A cancel (or the deadline) before anything was sent costs nothing.
    if (whole.aborted) return { ok: false, error: explain(whole.reason), failure: null };
    let reply: Exchange;
    mayBeWorking = true;
    try {
      reply = await exchange(target, requestPath(sent), { method: "POST", body }, { ...exchangeOptions, answerSignal: answerTimeout });
    } catch (error) {
      // fetch refuses to build the request (an address with a password, a key no header can carry): nothing
      // left, so nothing is billed, and trying again would fail the same way.
      if (error instanceof RequestNotMade) {
        mayBeWorking = false;
        console.error(redact(`gateway request for ${about} not made: ${String(error)}`, [target.apiKey]));
        return { ok: false, error: new AppError("upstream_unreachable", REQUEST_NOT_MADE), failure: null };
      }
      const code = whole.aborted ? undefined : noResponseCode(error);
      if (code) mayBeWorking = false;
      return { ok: false, error: explain(error), failure: code ? { kind: "no_response", code } : null };
    }
    if (reply.ok) return { ok: true, reply };
    mayBeWorking = false;
    const retryAfter = reply.headers.get("retry-after");
    const requestId = requestIdFromBody(reply.text) ?? requestIdFromHeaders(reply.headers);
    // A refusal (4xx, a 429 included), a 503, or the model's own failure named in the envelope (a 500's
    // InternalError.Algo, as a task that ended FAILED names it) says nothing was made, and failed generations
    // are not billed; any other 5xx (a proxy's 502 or 504 page, a timeout's code) may hide work done.
    const billed = (reply.status >= 400 && reply.status < 500) || reply.status === 503 || isModelFailure(upstreamErrorCode(reply.text)) ? 0 : null;
    const error = mapUpstreamError({ status: reply.status, retryAfter, body: reply.text, ...call, requestId }).with({ billedImages: billed });
    console.warn(redact(`gateway answered ${reply.status} (${error.code}) for ${about}: ${reply.text.slice(0, 300)}`, [target.apiKey]));
    return { ok: false, error, failure: { kind: "status", status: reply.status, retryAfterSeconds: parseRetryAfter(retryAfter) } };
  };

  /** The answer to a task, once it has ended; a cancel or the deadline while it runs is explained by `followTask`. */
  const settle = async (task: TaskAnswer): Promise<Exclude<GatewayAnswer, TaskAnswer>> => {
    hooks.onTask?.({ requestId: task.requestId, taskId: task.taskId });
    return followTask(task, {
      target,
      taskPath: options.taskPath ?? DEFAULT_TASK_PATH,
      pollIntervalsMs: options.pollIntervalsMs ?? DEFAULT_POLL_INTERVALS_MS,
      exchange: exchangeOptions,
      cancelled: () => signal?.aborted === true,
      timeoutMs: options.timeoutMs,
      call,
      about,
    });
  };

  const toResult = (answer: Exclude<GatewayAnswer, TaskAnswer>): GatewayResult => {
    const ids = { ...(answer.requestId && { requestId: answer.requestId }), ...(answer.taskId && { taskId: answer.taskId }) };
    if (answer.kind === "task_ended") {
      console.warn(redact(`gateway task ${answer.taskId} for ${about} ended ${answer.status} (${answer.code}): ${answer.message.slice(0, 300)}`, [target.apiKey]));
      throw taskEndedError(answer, call);
    }
    // An error envelope is a refusal, whatever status carried it.
    if (answer.kind === "error") throw mapUpstreamError({ status: 200, retryAfter: null, body: answer.body, ...call, ...ids }).with({ billedImages: 0 });
    if (answer.images.length === 0) throw emptyAnswerError(answer, call).with({ billedImages: billedImages(answer) });
    return {
      request: sent,
      images: imagesToKeep(sent.n, answer.images),
      created: answer.created,
      durationMs: Math.round(performance.now() - started),
      requestId: answer.requestId,
      taskId: answer.taskId,
      billedImages: billedImages(answer),
      notices: answerNotices(sent.n, answer),
    };
  };

  const attempts = async (): Promise<GatewayResult> => {
    for (let attempt = 1; ; attempt++) {
      options.onAttempt?.(attempt);
      const outcome = await attemptOnce();
      if (outcome.ok) {
        const answer = parseGatewayAnswer(outcome.reply.text, outcome.reply.headers);
        return toResult(answer.kind === "task" ? await settle(answer) : answer);
      }
      if (!outcome.failure || whole.aborted) throw outcome.error;
      const decision = decideRetry(attempt, outcome.failure, policy, options.timeoutMs - (performance.now() - started));
      if (!decision.retry) throw outcome.error;
      console.warn(
        redact(
          `gateway attempt ${attempt} for ${about} failed (${describeFailure(outcome.failure)}); retrying in ${decision.waitMs} ms`,
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

  try {
    return await attempts();
  } catch (error) {
    const failure = explain(error);
    // Unless the failure itself says what it cost, it may have been billed if a request was out when it came.
    throw failure.billedImages !== undefined ? failure : failure.with({ billedImages: mayBeWorking ? null : 0 });
  }
};
