import type { UpstreamImage } from "../gateway/wire";
import type { GenerateRequest } from "../models/request-schema";

/** The request as it went to the gateway: the seed is always set, so the result can say which one was used. */
export type SentRequest = GenerateRequest & { readonly seed: number };

/** What one gateway call gave back, before its images are fetched and stored. */
export type GatewayResult = {
  readonly request: SentRequest;
  readonly images: readonly UpstreamImage[];
  /** When the gateway says it made the images (unix seconds). */
  readonly created: number;
  /** Time spent waiting for the gateway, measured on the server. */
  readonly durationMs: number;
};
