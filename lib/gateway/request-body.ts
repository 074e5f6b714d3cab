import type { SentRequest } from "../generation/result";
import { formatSize } from "../models/size-rules";

/**
 * Request bodies in both of the gateway's styles. Kept apart from the answer parsing (and its zod schemas)
 * because the browser builds the same bodies for "copy as code".
 */

export const REQUEST_STYLES = ["native", "flat"] as const;
export type RequestStyle = (typeof REQUEST_STYLES)[number];

type WireParameters = {
  negative_prompt?: string;
  prompt_extend: boolean;
  watermark: boolean;
  size: string;
  n: number;
  seed: number;
};

const wireParameters = (request: SentRequest): WireParameters => ({
  // An empty negative prompt is left out rather than sent as "", which some upstream paths treat as text.
  ...(request.negativePrompt !== "" && { negative_prompt: request.negativePrompt }),
  prompt_extend: request.promptExtend,
  watermark: request.watermark,
  size: formatSize(request),
  n: request.n,
  seed: request.seed,
});

export const buildRequestBody = (request: SentRequest, style: RequestStyle): Record<string, unknown> => {
  if (style === "flat") {
    return { model: request.model, prompt: request.prompt, ...wireParameters(request) };
  }
  return {
    model: request.model,
    input: { messages: [{ role: "user", content: [{ text: request.prompt }] }] },
    parameters: wireParameters(request),
  };
};
