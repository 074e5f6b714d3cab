import { z } from "zod";
import { jsonResponse, newRequestId } from "./envelopes";
import { handleEdit } from "./edit";
import { createEditFileStore } from "./edit-files";
import { createFaultQueue, type PeriodicFaults } from "./fault-queue";
import { FAULT_KINDS, faultSpecSchema, type FaultSpec } from "./faults";
import { handleFile } from "./files-route";
import { handleGeneration, type GenerationSettings } from "./generate";
import { createStatsRecorder, type SimulatorStats } from "./stats";
import { ANSWER_SHAPES, RESPONSE_FORMATS, type AnswerShape, type ResponseFormat } from "./answer-shapes";
import { DEFAULT_LINK_LIFETIME_SECONDS, MAX_LINK_LIFETIME_SECONDS } from "./file-links";
import { createTaskStore } from "./tasks";

export type SimulatorOptions = {
  /** When set, only this bearer is accepted; otherwise any non-empty one is. */
  readonly apiKey?: string;
  /** Simulated generation time before the answer; 0 unless given, so tests stay fast. */
  readonly latencyMs?: number;
  /** The format of an answer whose request names no `response_format` ("url", the gateway's, unless given). */
  readonly responseFormat?: ResponseFormat;
  /** Which of the gateway's answer shapes a 200 takes ("openai", the documented one, unless given). */
  readonly answerShape?: AnswerShape;
  /** How long image links stay valid (a day, the gateway's, unless given; 0 makes them expired at once). */
  readonly linkLifetimeSeconds?: number;
};

export type SimulatorConfig = {
  readonly latencyMs?: number;
  readonly responseFormat?: ResponseFormat;
  readonly answerShape?: AnswerShape;
  readonly linkLifetimeSeconds?: number;
  readonly periodicFaults?: PeriodicFaults | null;
};

export type Simulator = {
  /** `signal`: the client went away (defaults to the request's own signal). */
  handle(request: Request, signal?: AbortSignal): Promise<Response>;
  stats(): SimulatorStats;
  /** Clears the stats and any queued faults; the configuration stays. */
  reset(): void;
  injectFault(fault: FaultSpec): void;
  configure(partial: SimulatorConfig): void;
};

const configSchema = z.strictObject({
  latencyMs: z.int().min(0).max(600_000).optional(),
  responseFormat: z.enum(RESPONSE_FORMATS).optional(),
  answerShape: z.enum(ANSWER_SHAPES).optional(),
  linkLifetimeSeconds: z.int().min(0).max(MAX_LINK_LIFETIME_SECONDS).optional(),
  periodicFaults: z
    .strictObject({
      every: z.int().min(2).max(1_000_000),
      // A `dashscope` refusal needs its code: queue it as a fault instead.
      kinds: z.array(z.enum(FAULT_KINDS).exclude(["dashscope"])).min(1),
      retryAfterSeconds: z.int().min(0).max(86_400).optional(),
    })
    .nullable()
    .optional(),
});

const FILE_PATH = /^\/v1\/files\/([A-Za-z0-9_-]+)\.png$/;
const TASK_PATH = /^\/v1\/tasks\/([A-Za-z0-9_-]{1,100})(\/cancel)?$/;

/**
 * The gateway's generation and editing endpoints and their image links, plus the `/__sim` control routes that
 * let tests script faults and read what arrived. Web-standard Request/Response so any server (or none) can host it.
 */
export const createSimulator = (options: SimulatorOptions): Simulator => {
  const { latencyMs, responseFormat, answerShape, linkLifetimeSeconds } = options;
  const initial = configSchema.parse({ latencyMs, responseFormat, answerShape, linkLifetimeSeconds });
  const started: GenerationSettings = {
    apiKey: options.apiKey,
    latencyMs: initial.latencyMs ?? 0,
    responseFormat: initial.responseFormat ?? "url",
    answerShape: initial.answerShape ?? "openai",
    linkLifetimeSeconds: initial.linkLifetimeSeconds ?? DEFAULT_LINK_LIFETIME_SECONDS,
  };
  let settings = started;
  const stats = createStatsRecorder();
  const faults = createFaultQueue();
  const editFiles = createEditFileStore();
  const tasks = createTaskStore();
  const context = { stats, faults, tasks, settings: () => settings, editFiles };

  const configure = (partial: SimulatorConfig) => {
    const parsed = configSchema.parse(partial);
    settings = {
      ...settings,
      latencyMs: parsed.latencyMs ?? settings.latencyMs,
      responseFormat: parsed.responseFormat ?? settings.responseFormat,
      answerShape: parsed.answerShape ?? settings.answerShape,
      linkLifetimeSeconds: parsed.linkLifetimeSeconds ?? settings.linkLifetimeSeconds,
    };
    if (parsed.periodicFaults !== undefined) faults.periodic(parsed.periodicFaults);
  };
  // Back to the settings it started with too: a link lifetime a test shortened must not reach the next test.
  const reset = () => {
    settings = started;
    stats.reset();
    faults.clear();
    tasks.clear();
  };

  const handle = async (request: Request, signal: AbortSignal = request.signal): Promise<Response> => {
    const { pathname, searchParams, host } = new URL(request.url);
    const route = `${request.method} ${pathname}`;
    if (route === "POST /v1/images/generations") return handleGeneration(request, context, signal);
    if (route === "POST /v1/images/edits") return handleEdit(request, context, signal);
    const file = request.method === "GET" ? FILE_PATH.exec(pathname) : null;
    if (file?.[1]) return handleFile(file[1], editFiles, { expires: searchParams.get("Expires"), host });
    const task = TASK_PATH.exec(pathname);
    if (task?.[1]) return handleTask(request, task[1], task[2] === "/cancel");
    // The test controls take the same key as the API when one is set: any local process could otherwise
    // queue faults into the playground's offline gateway.
    if (pathname.startsWith("/__sim/") && settings.apiKey && request.headers.get("authorization") !== `Bearer ${settings.apiKey}`) {
      return jsonResponse(401, { code: "InvalidApiKey", message: "The simulator's controls need its key.", request_id: newRequestId() });
    }
    switch (route) {
      case "GET /health":
        return jsonResponse(200, { ok: true });
      case "GET /__sim/stats":
        return jsonResponse(200, stats.snapshot());
      case "POST /__sim/reset":
        reset();
        return jsonResponse(200, { ok: true });
      case "POST /__sim/faults":
        return control(request, faultSpecSchema, (spec) => faults.add(spec));
      case "POST /__sim/config":
        return control(request, configSchema, configure);
      default:
        return jsonResponse(404, { code: "NotFound", message: `No route for ${route}.`, request_id: newRequestId() });
    }
  };

  /** A task's status (GET) or its cancel (POST), behind the same key as the API. */
  const handleTask = async (request: Request, id: string, cancel: boolean): Promise<Response> => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    if (!bearer || (settings.apiKey !== undefined && bearer !== settings.apiKey)) {
      return jsonResponse(401, { code: "InvalidApiKey", message: "Invalid API-key provided.", request_id: newRequestId() });
    }
    if (request.method === (cancel ? "POST" : "GET")) {
      stats.count(cancel ? "taskCancels" : "taskQueries");
      return cancel ? tasks.cancel(id) : tasks.query(id);
    }
    return jsonResponse(405, { code: "MethodNotAllowed", message: `${request.method} is not allowed here.`, request_id: newRequestId() });
  };

  return { handle, stats: stats.snapshot, reset, injectFault: faults.add, configure };
};

const control = async <T>(request: Request, schema: z.ZodType<T>, apply: (value: T) => void): Promise<Response> => {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return jsonResponse(400, { code: "InvalidParameter", message: "The body must be JSON." });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return jsonResponse(400, { code: "InvalidParameter", message: z.prettifyError(parsed.error) });
  apply(parsed.data);
  return jsonResponse(200, { ok: true });
};
