import type { GenerateRequest } from "../models/request-schema";

/** The request as it went to the gateway: the seed is always set, so the result can say which one was used. */
export type SentRequest = GenerateRequest & { readonly seed: number };

export type GeneratedImage = {
  /** An https URL from the gateway (valid for 24 hours) or a data: URI made from b64_json. */
  readonly src: string;
  /** The model's rewritten prompt; "" when the model reported none. */
  readonly revisedPrompt: string;
};

export type GenerationResult = {
  readonly request: SentRequest;
  readonly images: readonly GeneratedImage[];
  /** When the gateway says it made the images (unix seconds). */
  readonly created: number;
  /** Time spent waiting for the gateway, measured on the server. */
  readonly durationMs: number;
};
