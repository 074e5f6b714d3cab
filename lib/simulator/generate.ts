import { findModel } from "../models/registry";
import { sleep } from "./abortable";
import { clientGone, dashScopeError, jsonResponse, newRequestId } from "./envelopes";
import type { FaultQueue } from "./fault-queue";
import { faultResponse, isAnswerFault, type AnswerFault } from "./faults";
import { answerBody, unknownShapeBody, type AnswerParts, type AnswerShape, type ImageItem, type ResponseFormat } from "./answer-shapes";
import type { Size } from "../models/size-rules";
import type { TaskStore } from "./tasks";
import { encodeImageToken } from "./image-token";
import { fileLink } from "./file-links";
import { parseBody, type Parsed, type WireRequest } from "./parse-body";
import { keepRendered, renderImage } from "./render";
import { revisePrompt } from "./revise-prompt";
import type { LastRequest, StatsRecorder } from "./stats";
import { validateRequest, type GenerationParams } from "./validate-request";

export type GenerationSettings = {
  readonly apiKey: string | undefined;
  readonly latencyMs: number;
  /** The format of an answer whose request names none (the real gateway's: url). */
  readonly responseFormat: ResponseFormat;
  readonly answerShape: AnswerShape;
  /** How long an image link stays valid (the gateway's: 24 hours). */
  readonly linkLifetimeSeconds: number;
};

/** How a route hands its images over: inline, or as a link to a file it names. */
export type Delivery = { readonly format: ResponseFormat; readonly link: (name: string) => string };

export type GenerationContext = {
  readonly stats: StatsRecorder;
  readonly faults: FaultQueue;
  readonly tasks: TaskStore;
  /** Read per call, so a configure() between calls takes effect at once. */
  readonly settings: () => GenerationSettings;
};

export type { ImageItem } from "./answer-shapes";

export type Refusal = { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

/** A call that passed every check; its images are drawn only once the simulated latency has passed. */
export type Acceptance = {
  readonly ok: true;
  readonly prompt: string;
  /** The size the images come out at. */
  readonly size: Size;
  /** The format the request asked for (`response_format`), when it named one. */
  readonly responseFormat: ResponseFormat | undefined;
  readonly images: (delivery: Delivery) => Promise<ImageItem[]>;
};

/**
 * What one image route makes of a body. The rest of a call (faults, the key, latency, counting, the envelope)
 * is the same for every route and lives in handleImageCall.
 */
export type ImageEndpoint = (
  body: string,
  stats: StatsRecorder,
) => {
  /** The model the body names when it parses, needed before any check so a fault aimed at one model hits it. */
  readonly model: string | undefined;
  /** Runs only once the key is accepted, like the gateway's own checks. */
  readonly check: () => Promise<Refusal | Acceptance>;
};

const refusal = (status: number, code: string, message: string): Refusal => ({ ok: false, status, code, message });

export const invalidParameter = (message: string): Refusal => refusal(400, "InvalidParameter", message);

/**
 * One call to an image route, counted in the stats. `signal` says the client left; it is passed on its own
 * because a Request's signal can lose its link to the socket after a garbage collection (undici follows the
 * parent signal through a weak reference).
 */
export const handleImageCall = async (
  request: Request,
  context: GenerationContext,
  signal: AbortSignal,
  endpoint: ImageEndpoint,
): Promise<Response> => {
  context.stats.count("calls");
  const { response, faulted } = await answer(request, context, signal, endpoint);
  if (faulted) context.stats.count("faulted");
  if (response.status === 499) context.stats.count("aborted");
  else if (response.status >= 400) context.stats.count("rejected");
  else if (!faulted) context.stats.count("succeeded");
  return response;
};

const answer = async (
  request: Request,
  { stats, faults, tasks, settings }: GenerationContext,
  signal: AbortSignal,
  endpoint: ImageEndpoint,
): Promise<{ response: Response; faulted: boolean }> => {
  const requestId = newRequestId();
  const { apiKey, latencyMs, responseFormat, answerShape, linkLifetimeSeconds } = settings();

  const refuse = ({ status, code, message }: Refusal) => ({
    response: dashScopeError(status, code, message, requestId),
    faulted: false,
  });
  let text: string;
  try {
    text = await request.text();
  } catch {
    if (signal.aborted) return { response: clientGone(), faulted: false };
    return refuse(invalidParameter("The request body could not be read."));
  }
  const call = endpoint(text, stats);

  // Faults come before any check: a throttle or a proxy error happens before the gateway looks at the request.
  const fault = faults.take(call.model);
  if (fault && !isAnswerFault(fault.kind)) {
    const onBodyAborted = () => stats.count("aborted");
    return { response: await faultResponse({ ...fault, kind: fault.kind }, { requestId, signal: signal, onBodyAborted }), faulted: true };
  }
  const twist = fault?.kind as AnswerFault | undefined;

  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!bearer || (apiKey !== undefined && bearer !== apiKey)) {
    return refuse(refusal(401, "InvalidApiKey", "Invalid API-key provided."));
  }

  const checked = await call.check();
  if (!checked.ok) return refuse(checked);

  // Model Studio's own answers carry links; only the documented shape may carry the images inline.
  const shape: AnswerShape = twist?.startsWith("task_") ? "task" : answerShape;
  const origin = new URL(request.url).origin;
  // Signed when the images are handed over (a task's: when it has ended), as the gateway's links are.
  const link = (name: string) => fileLink(origin, name, linkLifetimeSeconds);
  const parts = async (format: ResponseFormat): Promise<AnswerParts> => {
    const items = await checked.images({ format, link });
    return { ...bend(items, twist), prompt: checked.prompt, size: checked.size, requestId };
  };
  const ok = (body: object) => ({ response: jsonResponse(200, body, { "x-request-id": requestId }), faulted: twist !== undefined });

  if (shape === "task") {
    const taskTwist = twist?.startsWith("task_") ? (twist as Extract<AnswerFault, `task_${string}`>) : undefined;
    const taskId = tasks.create({ latencyMs, twist: taskTwist, produce: () => parts("url") });
    return ok({ output: { task_id: taskId, task_status: "PENDING" }, request_id: requestId });
  }
  if ((await sleep(latencyMs, signal)) === "aborted") return { response: clientGone(), faulted: false };
  const made = await parts(shape === "openai" ? (checked.responseFormat ?? responseFormat) : "url");
  if (signal.aborted) return { response: clientGone(), faulted: false };
  return ok(twist === "unknown_shape" ? unknownShapeBody(made) : answerBody(shape, made, crypto.randomUUID()));
};

/**
 * A partial answer loses its last image to moderation; an over-delivering one repeats the first three times;
 * a broken one's last image cannot be kept: its link answers 404 (a file that is gone), or its data is not an
 * image.
 */
const bend = (items: ImageItem[], twist: AnswerFault | undefined): Pick<AnswerParts, "items" | "refused"> => {
  if (twist === "partial") return { items: items.slice(0, -1), refused: 1 };
  if (twist === "over_deliver" && items[0]) return { items: [...items, items[0], items[0], items[0]], refused: 0 };
  const last = items.at(-1);
  if (twist === "broken_image" && last) {
    const broken = last.url
      ? { ...last, url: last.url.replace(/\/v1\/files\/[^/]+$/, "/v1/files/gone.png") }
      : { ...last, b64_json: Buffer.from("not an image").toString("base64") };
    return { items: [...items.slice(0, -1), broken], refused: 0 };
  }
  return { items, refused: 0 };
};

/**
 * An image route from its parts: the body parser, the model table and the checks of a parsed body against its
 * model. A body that does not parse is refused before the model is looked up, and the model is counted as soon
 * as it is known, even when a later check refuses the call.
 */
export const imageEndpoint =
  <Wire extends { readonly model: string }, Model extends { readonly id: string }>(route: {
    readonly parse: (text: string) => Parsed<Wire>;
    readonly findModel: (id: string) => Model | undefined;
    readonly unknownModel: (id: string) => string;
    readonly check: (wire: Wire, model: Model, stats: StatsRecorder) => Promise<Refusal | Acceptance>;
  }): ImageEndpoint =>
  (text, stats) => {
    const body = route.parse(text);
    return {
      model: body.ok ? body.request.model : undefined,
      check: async () => {
        if (!body.ok) return invalidParameter(body.message);
        const model = route.findModel(body.request.model);
        if (!model) return refusal(404, "ModelNotFound", route.unknownModel(body.request.model));
        stats.countModel(model.id);
        return route.check(body.request, model, stats);
      },
    };
  };

const generation = imageEndpoint({
  parse: parseBody,
  findModel,
  unknownModel: (id) => `The model ${JSON.stringify(id)} does not exist.`,
  check: async (wire, model, stats) => {
    const validation = validateRequest(wire, model);
    if (!validation.ok) return invalidParameter(validation.message);
    stats.setLastRequest(lastRequest(wire));
    const { params } = validation;
    return {
      ok: true,
      prompt: params.prompt,
      size: { width: params.width, height: params.height },
      responseFormat: wire.response_format,
      images: (delivery) => images(params, delivery),
    };
  },
});

/** `POST /v1/images/generations`: the gateway's side of the wire contract. */
export const handleGeneration = (request: Request, context: GenerationContext, signal: AbortSignal): Promise<Response> =>
  handleImageCall(request, context, signal, generation);

export const lastRequest = (wire: WireRequest): LastRequest => ({
  style: wire.style,
  model: wire.model,
  prompt: wire.prompt,
  size: wire.size ?? null,
  n: wire.n ?? null,
  seed: wire.seed ?? null,
  prompt_extend: wire.prompt_extend ?? null,
  watermark: wire.watermark ?? null,
  negative_prompt: wire.negative_prompt ?? null,
  authorization: "present",
});

const images = async (params: GenerationParams, { format, link }: Delivery): Promise<ImageItem[]> => {
  const revised = params.promptExtend ? revisePrompt(params.prompt, params.seed) : "";
  const items: ImageItem[] = [];
  // One at a time: sharp already uses every core, and n=6 at 2048*2048 would otherwise hold six frames at once.
  for (let index = 0; index < params.n; index++) {
    const token = {
      model: params.model.id,
      prompt: params.prompt,
      negativePrompt: params.negativePrompt,
      seed: params.seed,
      width: params.width,
      height: params.height,
      index,
      watermark: params.watermark,
    };
    const png = await renderImage(token);
    if (format === "url") {
      // Drawn before the answer, as the real gateway has its file stored before it answers with the link.
      const name = encodeImageToken(token);
      keepRendered(name, png);
      items.push({ url: link(name), b64_json: "", revised_prompt: revised });
    } else {
      items.push({ url: "", b64_json: png.toString("base64"), revised_prompt: revised });
    }
  }
  return items;
};
