import { jsonResponse, newRequestId } from "./envelopes";
import { text2imageOutput, type AnswerParts } from "./answer-shapes";

/**
 * Asynchronous tasks, as Model Studio runs its slower models: the call answers at once with a task id, and
 * `GET /v1/tasks/{id}` tells PENDING (the first half of the latency), RUNNING (the second), then how it ended.
 * `POST /v1/tasks/{id}/cancel` stops a task only while it is PENDING, as upstream.
 */

/**
 * What a test may script of a task: how it ends, when anything but success (or never, stuck RUNNING), or
 * that its first two queries fail with a 503 before it answers as usual.
 */
export const TASK_TWISTS = ["task_failed", "task_canceled", "task_unknown", "task_stuck", "task_flaky"] as const;
export type TaskTwist = (typeof TASK_TWISTS)[number];

const FLAKY_QUERIES = 2;

type Task = {
  readonly id: string;
  readonly createdAt: number;
  readonly latencyMs: number;
  readonly twist: TaskTwist | undefined;
  /** Draws the images; called once, when the first query after the latency asks for them. */
  readonly produce: () => Promise<AnswerParts>;
  result?: Promise<AnswerParts>;
  cancelled: boolean;
  queries: number;
};

/** Tasks kept for queries; the oldest are forgotten past this (upstream keeps them a day). */
const MAX_TASKS = 1_000;

export type TaskStore = {
  create(task: { latencyMs: number; twist: TaskTwist | undefined; produce: () => Promise<AnswerParts> }): string;
  query(id: string): Promise<Response>;
  cancel(id: string): Response;
  clear(): void;
};

export const createTaskStore = (now: () => number = Date.now): TaskStore => {
  const tasks = new Map<string, Task>();

  const statusOf = (task: Task): string => {
    if (task.cancelled || task.twist === "task_canceled") return "CANCELED";
    if (task.twist === "task_unknown") return "UNKNOWN";
    const elapsed = now() - task.createdAt;
    if (elapsed < task.latencyMs / 2) return "PENDING";
    if (elapsed < task.latencyMs || task.twist === "task_stuck") return "RUNNING";
    return task.twist === "task_failed" ? "FAILED" : "SUCCEEDED";
  };

  const answer = (body: object) => {
    const requestId = newRequestId();
    return jsonResponse(200, { request_id: requestId, ...body }, { "x-request-id": requestId });
  };

  return {
    create: ({ latencyMs, twist, produce }) => {
      const id = crypto.randomUUID();
      tasks.set(id, { id, createdAt: now(), latencyMs, twist, produce, cancelled: false, queries: 0 });
      if (tasks.size > MAX_TASKS) tasks.delete(tasks.keys().next().value as string);
      return id;
    },
    query: async (id) => {
      const task = tasks.get(id);
      // Upstream answers an id it does not know (or no longer keeps) with UNKNOWN, not 404.
      if (!task) return answer({ output: { task_id: id, task_status: "UNKNOWN" } });
      if (task.twist === "task_flaky" && ++task.queries <= FLAKY_QUERIES) {
        const requestId = newRequestId();
        return jsonResponse(503, { code: "ServiceUnavailable", message: "Please try again later.", request_id: requestId }, { "x-request-id": requestId });
      }
      const status = statusOf(task);
      if (status === "FAILED") {
        return answer({ output: { task_id: id, task_status: status, code: "InternalError.Algo", message: "An internal error occurred in the algorithm." } });
      }
      if (status !== "SUCCEEDED") return answer({ output: { task_id: id, task_status: status } });
      const parts = await (task.result ??= task.produce());
      return answer({ output: text2imageOutput(parts, id), usage: { image_count: parts.items.length } });
    },
    cancel: (id) => {
      const task = tasks.get(id);
      if (task && statusOf(task) === "PENDING") {
        task.cancelled = true;
        return answer({});
      }
      const requestId = newRequestId();
      return jsonResponse(
        400,
        { code: "UnsupportedOperation", message: "Failed to cancel the task, please confirm if the task status is PENDING.", request_id: requestId },
        { "x-request-id": requestId },
      );
    },
    clear: () => tasks.clear(),
  };
};
