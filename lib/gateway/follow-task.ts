import { setTimeout as delay } from "node:timers/promises";
import { AppError } from "../errors";
import { redact } from "./redact";
import { parseGatewayAnswer, type GatewayAnswer, type TaskAnswer } from "./answer";
import { exchange, type ExchangeOptions, type GatewayTarget } from "./exchange";
import { mapUpstreamError, parseRetryAfter, type UpstreamFailure } from "./upstream-errors";

/**
 * Following an asynchronous task at the gateway until it ends: the answer to a generation may be a task id
 * with its status PENDING or RUNNING instead of the images. The task is queried within the generation's
 * own deadline; a query that fails for a moment (the network, a 429 or a 5xx) is simply asked again, since a
 * query is a read and costs nothing, while a cancel by the user is passed on to the gateway.
 */

/** The waits between queries: quick at first (many tasks end in seconds), then every 5 s as Model Studio advises. */
export const DEFAULT_POLL_INTERVALS_MS: readonly number[] = [1_000, 2_000, 3_000, 5_000];
/** Queries in a row that may fail before the gateway is taken to have stopped answering about the task. */
export const MAX_POLL_FAILURES = 5;
const MAX_POLL_WAIT_MS = 10_000;

export type TaskFollowing = {
  readonly target: GatewayTarget;
  /** The task route, with `{task_id}` where the id goes. */
  readonly taskPath: string;
  readonly pollIntervalsMs: readonly number[];
  /** The whole call's signal (the user's cancel and the deadline), and how the call explains its end. */
  readonly exchange: ExchangeOptions;
  readonly cancelled: () => boolean;
  readonly timeoutMs: number;
  readonly call: Pick<UpstreamFailure, "model" | "task">;
  /** Who the log lines are about: the model, and the generation where the caller said which. */
  readonly about: string;
};

/** A wait as the gateway's sentences say it: seconds, to a tenth. */
export const seconds = (ms: number): number => Number((ms / 1000).toFixed(1));

/** The sentences of a task that could not be followed to its end (functions of their facts, for the translation tests). */
export const taskStillRunning = (status: string, timeoutMs: number): string =>
  `The gateway's task was still ${status} after ${seconds(timeoutMs)} seconds, so the playground stopped waiting. It may still finish and be billed; quote its task id to the gateway's support.`;
export const TASK_STOPPED_ANSWERING =
  "The gateway stopped answering about its task. It may still finish and be billed; quote its task id to the gateway's support.";
export const TASK_ROUTE_MISSING =
  "The gateway started a task, but its task route answered 404, so the result cannot be fetched. The task may still finish and be billed; whoever runs the playground should check ONETOKEN_TASK_PATH.";

export const taskPathFor = (taskPath: string, taskId: string): string => taskPath.replace("{task_id}", encodeURIComponent(taskId));

/** Tells the gateway to stop a task the user no longer wants; it only can while the task waits in its queue. */
const cancelAtGateway = (following: TaskFollowing, path: string, taskId: string): void => {
  const which = `gateway task ${taskId} cancel for ${following.about}`;
  exchange(following.target, `${path}/cancel`, { method: "POST" }, { ...following.exchange, signal: AbortSignal.timeout(5_000) }).then(
    (reply) => console.info(redact(`${which} answered ${reply.status}`, [following.target.apiKey])),
    (error: unknown) => console.warn(redact(`${which} failed: ${String(error)}`, [following.target.apiKey])),
  );
};

/** Resolves with the task's final answer (results, or how it ended); throws when it cannot be followed to the end. */
export const followTask = async (task: TaskAnswer, following: TaskFollowing): Promise<Exclude<GatewayAnswer, TaskAnswer>> => {
  const { taskId } = task;
  const ids = { requestId: task.requestId, taskId };
  const path = taskPathFor(following.taskPath, taskId);
  let status: string = task.status;

  const stopped = (): AppError => {
    if (following.cancelled()) {
      cancelAtGateway(following, path, taskId);
      return new AppError("cancelled", "The generation was cancelled.", { taskId });
    }
    return new AppError("timeout", taskStillRunning(status, following.timeoutMs), { ...(ids.requestId && { requestId: ids.requestId }), taskId });
  };
  const upstreamError = (reply: { status: number; text: string; headers: Headers }) =>
    mapUpstreamError({ status: reply.status, retryAfter: reply.headers.get("retry-after"), body: reply.text, ...following.call, ...ids });

  let failures = 0;
  let waitMs = following.pollIntervalsMs[0] ?? 1_000;
  for (let poll = 1; ; poll++) {
    try {
      await delay(waitMs, undefined, { signal: following.exchange.signal });
    } catch {
      throw stopped();
    }
    waitMs = following.pollIntervalsMs[Math.min(poll, following.pollIntervalsMs.length - 1)] ?? waitMs;
    let reply;
    try {
      reply = await exchange(following.target, path, { method: "GET" }, following.exchange);
    } catch (error) {
      if (following.exchange.signal.aborted) throw stopped();
      if (error instanceof AppError) throw error;
      if (++failures > MAX_POLL_FAILURES) {
        throw new AppError("upstream_unreachable", TASK_STOPPED_ANSWERING, { taskId });
      }
      continue;
    }
    if (reply.status === 429 || reply.status >= 500) {
      if (++failures > MAX_POLL_FAILURES) throw upstreamError(reply);
      const retryAfter = parseRetryAfter(reply.headers.get("retry-after"));
      if (retryAfter !== undefined) waitMs = Math.min(retryAfter * 1000, MAX_POLL_WAIT_MS);
      continue;
    }
    if (reply.status === 404) {
      throw new AppError("bad_upstream_response", TASK_ROUTE_MISSING, { ...(ids.requestId && { requestId: ids.requestId }), taskId });
    }
    if (!reply.ok) throw upstreamError(reply);
    failures = 0;
    const answer = parseGatewayAnswer(reply.text, reply.headers, taskId);
    // The submit's request id is the one that names the billed call; a query's own id is only the query's.
    if (answer.kind !== "task") return { ...answer, requestId: ids.requestId ?? answer.requestId, taskId };
    status = answer.status;
  }
};

/** A task that ended without results, as the app's error. */
export const taskEndedError = (answer: Extract<GatewayAnswer, { kind: "task_ended" }>, call: Pick<UpstreamFailure, "model" | "task">): AppError => {
  const ids = { ...(answer.requestId && { requestId: answer.requestId }), taskId: answer.taskId };
  switch (answer.status) {
    // Failed and cancelled tasks are not billed upstream; a task the gateway no longer knows may have been.
    case "FAILED":
      return mapUpstreamError({ status: 500, retryAfter: null, body: JSON.stringify({ code: answer.code }), ...call, ...ids }).with({ billedImages: 0 });
    case "CANCELED":
      return new AppError("upstream_error", "The gateway cancelled the task before it finished. Cancelled tasks are not billed; try again.", { ...ids, billedImages: 0 });
    case "UNKNOWN":
      return new AppError(
        "upstream_error",
        "The gateway no longer knows the task (task ids expire after 24 hours), so whether it made any image cannot be told. Try again.",
        { ...ids, billedImages: null },
      );
  }
};
