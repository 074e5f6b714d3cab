import { findModel } from "../models/registry";
import { sleep } from "./abortable";
import { clientGone, dashScopeError, jsonResponse, newRequestId } from "./envelopes";
import type { FaultQueue } from "./fault-queue";
import { faultResponse } from "./faults";
import { encodeImageToken } from "./image-token";
import { parseBody, type WireRequest } from "./parse-body";
import { renderImage } from "./render";
import { revisePrompt } from "./revise-prompt";
import type { LastRequest, StatsRecorder } from "./stats";
import { validateRequest, type GenerationParams } from "./validate-request";

export type ResponseFormat = "url" | "b64_json";

export type GenerationSettings = {
  readonly apiKey: string | undefined;
  readonly latencyMs: number;
  readonly responseFormat: ResponseFormat;
};

export type GenerationContext = {
  readonly stats: StatsRecorder;
  readonly faults: FaultQueue;
  /** Read per call, so a configure() between calls takes effect at once. */
  readonly settings: () => GenerationSettings;
};

/**
 * `POST /v1/images/generations`: the gateway's side of the wire contract. `signal` says the client left;
 * it is passed on its own because a Request's signal can lose its link to the socket after a garbage
 * collection (undici follows the parent signal through a weak reference).
 */
export const handleGeneration = async (request: Request, context: GenerationContext, signal: AbortSignal): Promise<Response> => {
  context.stats.count("calls");
  const { response, faulted } = await answer(request, context, signal);
  if (faulted) context.stats.count("faulted");
  if (response.status === 499) context.stats.count("aborted");
  else if (response.status >= 400) context.stats.count("rejected");
  else if (!faulted) context.stats.count("succeeded");
  return response;
};

const answer = async (
  request: Request,
  { stats, faults, settings }: GenerationContext,
  signal: AbortSignal,
): Promise<{ response: Response; faulted: boolean }> => {
  const requestId = newRequestId();
  const { apiKey, latencyMs, responseFormat } = settings();

  const refuse = (status: number, code: string, message: string) => ({
    response: dashScopeError(status, code, message, requestId),
    faulted: false,
  });
  let text: string;
  try {
    text = await request.text();
  } catch {
    if (signal.aborted) return { response: clientGone(), faulted: false };
    return refuse(400, "InvalidParameter", "The request body could not be read.");
  }
  const body = parseBody(text);

  // Faults come before any check: a throttle or a proxy error happens before the gateway looks at the request.
  const fault = faults.take(body.ok ? body.request.model : undefined);
  if (fault) {
    const onBodyAborted = () => stats.count("aborted");
    return { response: await faultResponse(fault, { requestId, signal: signal, onBodyAborted }), faulted: true };
  }

  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!bearer || (apiKey !== undefined && bearer !== apiKey)) {
    return refuse(401, "InvalidApiKey", "Invalid API-key provided.");
  }

  if (!body.ok) return refuse(400, "InvalidParameter", body.message);
  const model = findModel(body.request.model);
  if (!model) return refuse(404, "ModelNotFound", `The model ${JSON.stringify(body.request.model)} does not exist.`);
  stats.countModel(model.id);
  const validation = validateRequest(body.request, model);
  if (!validation.ok) return refuse(400, "InvalidParameter", validation.message);
  stats.setLastRequest(lastRequest(body.request));

  if ((await sleep(latencyMs, signal)) === "aborted") return { response: clientGone(), faulted: false };
  const data = await images(validation.params, responseFormat, new URL(request.url).origin);
  if (signal.aborted) return { response: clientGone(), faulted: false };
  return {
    response: jsonResponse(200, { created: Math.floor(Date.now() / 1000), data }, { "x-request-id": requestId }),
    faulted: false,
  };
};

const lastRequest = (wire: WireRequest): LastRequest => ({
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

type ImageItem = { url: string; b64_json: string; revised_prompt: string };

const images = async (params: GenerationParams, format: ResponseFormat, origin: string): Promise<ImageItem[]> => {
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
    items.push(
      format === "url"
        ? { url: `${origin}/v1/files/${encodeImageToken(token)}.png`, b64_json: "", revised_prompt: revised }
        : { url: "", b64_json: (await renderImage(token)).toString("base64"), revised_prompt: revised },
    );
  }
  return items;
};
