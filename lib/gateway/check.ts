import { runLimited } from "../async/run-limited";
import { AppError } from "../errors";
import { EDIT_MODELS } from "../models/edit-models";
import { MODELS } from "../models/registry";
import { parseGatewayAnswer, requestIdFromBody, requestIdFromHeaders } from "./answer";
import { exchange, type GatewayTarget } from "./exchange";
import type { RequestStyle } from "./request-body";
import { mapUpstreamError, upstreamErrorCode } from "./upstream-errors";

/**
 * "Check connection" without spending: whether the gateway answers, whether it takes the key, and which
 * models answer, each found out with a request the upstream refuses before it makes anything. Every probe
 * has an empty prompt, n = 0, size 1*1 and seed -1 (an edit also a 1*1 input, under the 384 px minimum):
 * each of these alone is out of range, so a model that answers at all answers with a refusal of the
 * settings, which proves the key was accepted and the model is there. Free of Next, so `npm run
 * check-gateway` runs it too.
 */

export type ProbeOutcome =
  /** The model refused the probe's settings, as it should: the key works and the model is there. */
  | "answers"
  | "key_refused"
  | "model_unknown"
  | "model_denied"
  | "out_of_credit"
  | "rate_limited"
  | "unavailable"
  | "gateway_error"
  | "unreachable"
  /** It made images for a request that should have been refused: they may be billed. */
  | "generated";

export type Endpoint = "generations" | "edits";

export type ModelProbe = {
  readonly model: string;
  readonly endpoint: Endpoint;
  readonly outcome: ProbeOutcome;
  /** The HTTP status, or null when nothing answered. */
  readonly status: number | null;
  /** The upstream's error code, "" when it gave none. */
  readonly code: string;
  readonly requestId: string | null;
};

export type GatewayCheck = {
  readonly mode: "live" | "offline";
  /** Where the checks went (the built-in simulator's loopback address in the offline demo). */
  readonly baseUrl: string;
  readonly checkedAt: number;
  readonly durationMs: number;
  /** Whether anything answered at the gateway's address (a request without a key). */
  readonly reachable: { readonly ok: boolean; readonly status: number | null };
  readonly key: "accepted" | "refused" | "unknown";
  readonly models: readonly ModelProbe[];
};

export type CheckOptions = {
  readonly mode: GatewayCheck["mode"];
  readonly requestStyle: RequestStyle;
  readonly connectTimeoutMs: number;
  /** Per probe: a refusal comes in well under a second, so this is only a bound on a gateway that hangs. */
  readonly probeTimeoutMs?: number;
  /** Probes in flight at once, so a check is not itself a burst the gateway throttles. */
  readonly concurrency?: number;
  readonly now?: () => number;
};

/** A 1*1 PNG: a valid image, far under every editing model's 384 px minimum. */
const TINY_PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQImWM4UWEDAAOIAX25Np0oAAAAAElFTkSuQmCC";

const OUT_OF_RANGE = { n: 0, size: "1*1", seed: -1 } as const;

/** The probe's body: every setting out of range, in the style the playground sends (edits: native only). */
export const probeBody = (model: string, endpoint: Endpoint, style: RequestStyle): Record<string, unknown> => {
  if (endpoint === "edits") {
    return { model, input: { messages: [{ role: "user", content: [{ image: TINY_PNG }, { text: "" }] }] }, parameters: OUT_OF_RANGE };
  }
  if (style === "flat") return { model, prompt: "", ...OUT_OF_RANGE };
  return { model, input: { messages: [{ role: "user", content: [{ text: "" }] }] }, parameters: OUT_OF_RANGE };
};

const OUTCOME_OF: Partial<Record<string, ProbeOutcome>> = {
  parameter_rejected: "answers",
  moderation_refused: "answers",
  bad_api_key: "key_refused",
  model_not_found: "model_unknown",
  model_access_denied: "model_denied",
  out_of_credit: "out_of_credit",
  rate_limited: "rate_limited",
  model_unavailable: "unavailable",
};

const isErrorAnswer = (body: string): boolean => {
  try {
    return parseGatewayAnswer(body).kind === "error";
  } catch {
    return false;
  }
};

/** What a probe's answer means, from its status and body (the same mapping as a real call's errors). */
export const classifyProbe = (status: number, body: string, model: string, endpoint: Endpoint): { outcome: ProbeOutcome; code: string } => {
  // An error envelope is a refusal whatever status carried it, as a real call reads it (lib/gateway/answer.ts).
  if (status >= 200 && status < 300 && !isErrorAnswer(body)) return { outcome: "generated", code: "" };
  const error = mapUpstreamError({ status, retryAfter: null, body, model, task: endpoint === "edits" ? "edit" : "generation" });
  // A proxy's page has none to show.
  const named = upstreamErrorCode(body);
  return { outcome: OUTCOME_OF[error.code] ?? "gateway_error", code: (named.code || named.type).slice(0, 80) };
};

/** Whether the key was taken: any answer that only an authenticated request gets says so. */
export const keyVerdict = (probes: readonly ModelProbe[]): GatewayCheck["key"] => {
  if (probes.some((probe) => probe.outcome === "answers" || probe.outcome === "model_denied" || probe.outcome === "out_of_credit" || probe.outcome === "generated")) {
    return "accepted";
  }
  return probes.some((probe) => probe.outcome === "key_refused") ? "refused" : "unknown";
};

export const checkGateway = async (target: GatewayTarget, options: CheckOptions): Promise<GatewayCheck> => {
  const now = options.now ?? Date.now;
  const started = performance.now();
  const checkedAt = now();
  const probeTimeoutMs = options.probeTimeoutMs ?? 20_000;
  const send = (path: string, body: object, authorize: boolean) =>
    exchange(authorize ? target : { ...target, apiKey: "" }, path, { method: "POST", body: JSON.stringify(body) }, {
      signal: AbortSignal.timeout(probeTimeoutMs),
      connectTimeoutMs: options.connectTimeoutMs,
      maxBytes: 256 * 1024,
      tooLarge: () => new AppError("bad_upstream_response", "The answer was too large."),
    });

  const report = (reachable: GatewayCheck["reachable"], models: readonly ModelProbe[]): GatewayCheck => ({
    mode: options.mode,
    baseUrl: target.baseUrl,
    checkedAt,
    durationMs: Math.round(performance.now() - started),
    reachable,
    key: keyVerdict(models),
    models,
  });

  // Any HTTP answer at all, even a refusal of the missing key, proves the address answers.
  let reachable: GatewayCheck["reachable"];
  try {
    // No model of the registry, so it is nobody's probe: without a key the gateway refuses it for that alone.
    const reply = await send("/v1/images/generations", probeBody("connection-check", "generations", options.requestStyle), false);
    reachable = { ok: true, status: reply.status };
  } catch {
    return report({ ok: false, status: null }, []);
  }

  const targets: Array<{ model: string; endpoint: Endpoint }> = [
    ...MODELS.map((model) => ({ model: model.id, endpoint: "generations" as const })),
    ...EDIT_MODELS.map((model) => ({ model: model.id, endpoint: "edits" as const })),
  ];
  const models = await runLimited(targets, options.concurrency ?? 3, async ({ model, endpoint }): Promise<ModelProbe> => {
    try {
      const reply = await send(`/v1/images/${endpoint}`, probeBody(model, endpoint, options.requestStyle), true);
      const requestId = requestIdFromBody(reply.text) ?? requestIdFromHeaders(reply.headers);
      return { model, endpoint, status: reply.status, requestId, ...classifyProbe(reply.status, reply.text, model, endpoint) };
    } catch {
      return { model, endpoint, outcome: "unreachable", status: null, code: "", requestId: null };
    }
  });
  return report(reachable, models);
};
