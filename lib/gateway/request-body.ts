import { isSentEdit, type SentEdit, type SentGenerate, type SentRequest } from "../generation/result";
import { getEditModel } from "../models/edit-models";
import { formatSize } from "../models/size-rules";

/**
 * Request bodies in both of the gateway's styles. Kept apart from the answer parsing (and its zod schemas)
 * because the browser builds the same bodies for "copy as code".
 */

export const REQUEST_STYLES = ["native", "flat"] as const;
export type RequestStyle = (typeof REQUEST_STYLES)[number];

/** Where each task goes on the gateway. */
export const requestPath = (request: SentRequest): string => (isSentEdit(request) ? "/v1/images/edits" : "/v1/images/generations");

type WireParameters = {
  negative_prompt?: string;
  prompt_extend?: boolean;
  watermark: boolean;
  size?: string;
  n: number;
  seed: number;
};

const wireParameters = (request: SentGenerate): WireParameters => ({
  // An empty negative prompt is left out rather than sent as "", which some upstream paths treat as text.
  ...(request.negativePrompt !== "" && { negative_prompt: request.negativePrompt }),
  prompt_extend: request.promptExtend,
  watermark: request.watermark,
  size: formatSize(request),
  n: request.n,
  seed: request.seed,
});

/** An edit leaves out what its model does not take: no size means "follow the input". */
const editParameters = (request: SentEdit): WireParameters => ({
  ...(request.negativePrompt !== "" && { negative_prompt: request.negativePrompt }),
  ...(getEditModel(request.model).options.promptExtend && { prompt_extend: request.promptExtend }),
  watermark: request.watermark,
  ...(request.size && { size: formatSize(request.size) }),
  n: request.n,
  seed: request.seed,
});

/** The edits endpoint documents the native shape only, so an edit is always sent in it. */
export const buildRequestBody = (request: SentRequest, style: RequestStyle): Record<string, unknown> => {
  if (isSentEdit(request)) {
    return {
      model: request.model,
      input: { messages: [{ role: "user", content: [{ image: request.image }, { text: request.prompt }] }] },
      parameters: editParameters(request),
    };
  }
  if (style === "flat") {
    return { model: request.model, prompt: request.prompt, ...wireParameters(request) };
  }
  return {
    model: request.model,
    input: { messages: [{ role: "user", content: [{ text: request.prompt }] }] },
    parameters: wireParameters(request),
  };
};
