import { z } from "zod";
import { untilAborted } from "./abortable";
import { drippingBody } from "./dripping-body";
import { clientGone, connectionReset, dashScopeError, jsonResponse } from "./envelopes";
import { endlessJsonBody } from "./endless-json";
import { TASK_TWISTS } from "./tasks";

/** Every way the gateway (or a proxy in front of it) has been seen to fail, for the app's error handling. */
export const FAULT_KINDS = [
  "rate_limit",
  "server_error",
  "unavailable",
  "moderation",
  "bad_key",
  "access_denied",
  "arrearage",
  "openai_error",
  "garbage",
  // A proxy in front of the gateway answering with its own error page: it could not reach the gateway, or
  // gave up waiting for it (which may still be at work).
  "bad_gateway",
  "gateway_timeout",
  "truncated",
  "wrong_schema",
  "hang",
  "oversized",
  "upstream_timeout",
  "slow_drip",
  "redirect_private",
  "connection_reset",
  // Any refusal in DashScope's envelope, named by its HTTP status and code (the reference lists those seen).
  "dashscope",
  // Answer faults: the call is checked and answered as usual, and the answer itself is bent.
  "partial",
  "over_deliver",
  "broken_image",
  "unknown_shape",
  ...TASK_TWISTS,
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Faults that bend a normal answer rather than replace it: fewer images than asked (one refused by
 * moderation), more than asked, a last image that cannot be kept (its link gone, or its data not an image),
 * a shape nobody knows, or a task that ends badly or answers its first
 * queries with a 503 (these force the task flow).
 */
export const ANSWER_FAULTS = ["partial", "over_deliver", "broken_image", "unknown_shape", ...TASK_TWISTS] as const;
export type AnswerFault = (typeof ANSWER_FAULTS)[number];

export const isAnswerFault = (kind: FaultKind): kind is AnswerFault => (ANSWER_FAULTS as readonly string[]).includes(kind);

const upstreamRefusalSchema = z.strictObject({
  status: z.int().min(400).max(599),
  code: z.string().min(1).max(100),
  /** The upstream's own words; left out, a sentence naming the code. */
  message: z.string().max(500).optional(),
});

export type UpstreamRefusal = z.infer<typeof upstreamRefusalSchema>;

export const faultSpecSchema = z
  .strictObject({
    kind: z.enum(FAULT_KINDS),
    times: z.int().min(1).max(10_000).default(1),
    /**
     * Left out: the fault's usual Retry-After (7 s on a 429 or a 503, none on a `dashscope` refusal); null:
     * the answer carries none.
     */
    retryAfterSeconds: z.int().min(0).max(86_400).nullable().optional(),
    /** Only calls for this model fail (the others pass it by), so one column of a comparison can be hit. */
    model: z.string().min(1).optional(),
    /** What a `dashscope` fault answers, and only it. */
    upstream: upstreamRefusalSchema.optional(),
  })
  .refine((spec) => (spec.kind === "dashscope") === (spec.upstream !== undefined), {
    message: "a dashscope fault names its refusal in upstream ({ status, code }), and no other fault has one",
    path: ["upstream"],
  });

export type FaultSpec = z.input<typeof faultSpecSchema>;

export type Fault = { readonly kind: FaultKind; readonly retryAfterSeconds: number | null | undefined; readonly upstream?: UpstreamRefusal };

type DashScopeFault = { status: number; code: string; message: string; retryAfter?: true };

/** The refusals the gateway forwards from DashScope, with the codes listed in the upstream reference. */
const DASHSCOPE_FAULTS = {
  rate_limit: {
    status: 429,
    code: "Throttling.RateQuota",
    message: "Requests rate limit exceeded, please try again later.",
    retryAfter: true,
  },
  server_error: { status: 500, code: "InternalError", message: "An internal error has occurred, please try again later." },
  unavailable: {
    status: 503,
    code: "ModelUnavailable",
    message: "The model is temporarily unavailable, please try again later.",
    retryAfter: true,
  },
  moderation: { status: 400, code: "DataInspectionFailed", message: "Input data may contain inappropriate content." },
  bad_key: { status: 401, code: "InvalidApiKey", message: "Invalid API-key provided." },
  access_denied: { status: 403, code: "Model.AccessDenied", message: "Model access denied for this API key." },
  arrearage: { status: 400, code: "Arrearage", message: "Access denied, please make sure your account is in good standing." },
  upstream_timeout: { status: 408, code: "RequestTimeOut", message: "Request timed out, please try again later." },
} as const satisfies Partial<Record<FaultKind, DashScopeFault>>;

const DEFAULT_RETRY_AFTER_SECONDS = 7;

const JSON_TYPE = "application/json; charset=utf-8";

/** A private address, never contacted: the simulator only names it, to see whether the app would follow. */
export const PRIVATE_REDIRECT_TARGET = "http://10.0.0.1/v1/images/generations";

/** A real 1*1 PNG, so a slow answer that does arrive in full is a valid result all the way to the image store. */
const TINY_PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVQImWM4UWEDAAOIAX25Np0oAAAAAElFTkSuQmCC";

type FaultContext = {
  readonly requestId: string;
  readonly signal: AbortSignal;
  /** Called when a streamed fault body is abandoned; a hang reports its abort through its 499 instead. */
  readonly onBodyAborted: () => void;
};

export const faultResponse = async (
  fault: Fault & { readonly kind: Exclude<FaultKind, AnswerFault> },
  { requestId, signal, onBodyAborted }: FaultContext,
): Promise<Response> => {
  const idHeader = { "x-request-id": requestId };
  switch (fault.kind) {
    case "rate_limit":
    case "server_error":
    case "unavailable":
    case "moderation":
    case "bad_key":
    case "access_denied":
    case "arrearage":
    case "upstream_timeout": {
      const spec: DashScopeFault = DASHSCOPE_FAULTS[fault.kind];
      const retryAfter =
        spec.retryAfter && fault.retryAfterSeconds !== null
        ? { "retry-after": String(fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS) }
        : undefined;
      return dashScopeError(spec.status, spec.code, spec.message, requestId, retryAfter);
    }
    case "dashscope": {
      const { status, code, message } = fault.upstream ?? { status: 500, code: "InternalError" };
      const retryAfter = typeof fault.retryAfterSeconds === "number" ? { "retry-after": String(fault.retryAfterSeconds) } : undefined;
      return dashScopeError(status, code, message ?? `The simulator refused this call with ${code}.`, requestId, retryAfter);
    }
    case "openai_error":
      return jsonResponse(
        500,
        {
          error: {
            message: "The server had an error while processing your request.",
            type: "server_error",
            param: null,
            code: "internal_error",
          },
        },
        idHeader,
      );
    case "garbage":
      // A proxy's error page, so no request id: the gateway never saw the call.
      return new Response("<html><body>502 Bad Gateway</body></html>", {
        status: 200,
        headers: { "content-type": "text/html; charset=utf-8" },
      });
    case "bad_gateway":
    case "gateway_timeout": {
      const [status, text] = fault.kind === "bad_gateway" ? [502, "Bad Gateway"] : [504, "Gateway Time-out"];
      return new Response(`<html><head><title>${status} ${text}</title></head><body><center><h1>${status} ${text}</h1></center><hr><center>nginx</center></body></html>`, {
        status,
        headers: { "content-type": "text/html" },
      });
    }
    case "truncated": {
      // "iVBORw0KGgo" is how every base64 PNG starts, so the cut lands inside what looks like image data.
      const image = { url: "", b64_json: "iVBORw0KGgo".repeat(8), revised_prompt: "" };
      const whole = JSON.stringify({ created: Math.floor(Date.now() / 1000), data: [image] });
      return new Response(whole.slice(0, Math.floor(whole.length / 2)), {
        status: 200,
        headers: { "content-type": JSON_TYPE, ...idHeader },
      });
    }
    case "wrong_schema":
      return jsonResponse(200, { created: 1, data: "nope" }, idHeader);
    case "hang":
      await untilAborted(signal);
      return clientGone();
    case "oversized":
      return new Response(endlessJsonBody(onBodyAborted), {
        status: 200,
        headers: { "content-type": JSON_TYPE, ...idHeader },
      });
    case "slow_drip": {
      const image = { url: "", b64_json: TINY_PNG_BASE64, revised_prompt: "" };
      const whole = JSON.stringify({ created: Math.floor(Date.now() / 1000), data: [image] });
      return new Response(drippingBody(whole, onBodyAborted), {
        status: 200,
        headers: { "content-type": JSON_TYPE, ...idHeader },
      });
    }
    case "redirect_private":
      // What a hijacked or misconfigured proxy might send: following it would post the key inside the network.
      return new Response(null, { status: 302, headers: { location: PRIVATE_REDIRECT_TARGET, ...idHeader } });
    case "connection_reset":
      return connectionReset();
  }
};
