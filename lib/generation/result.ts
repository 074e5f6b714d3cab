import type { EditRequest } from "../edit/edit-request";
import type { UpstreamImage } from "../gateway/answer";
import type { GenerateRequest } from "../models/request-schema";

/** A generation from text as it went to the gateway: the seed is always set, so the result can say which one was used. */
export type SentGenerate = GenerateRequest & { readonly seed: number };

/** An edit as it went to the gateway, with its input image as a data URI (or, in "copy as code", a stand-in). */
export type SentEdit = EditRequest & { readonly seed: number; readonly image: string };

export type SentRequest = SentGenerate | SentEdit;

export const isSentEdit = (request: SentRequest): request is SentEdit => "input" in request;

/** What one gateway call gave back, before its images are fetched and stored. */
export type GatewayResult = {
  readonly request: SentRequest;
  readonly images: readonly UpstreamImage[];
  /** When the gateway says it made the images (unix seconds). */
  readonly created: number;
  /** Time spent waiting for the gateway (a task's following included), measured on the server. */
  readonly durationMs: number;
  /** The gateway's id of the call, and of its task when it answered with one, for the user to quote. */
  readonly requestId: string | null;
  readonly taskId: string | null;
  /** What the gateway bills for this answer: its own count where it gives one. */
  readonly billedImages: number;
  /** One sentence per way the answer fell short of the request (or went over it). */
  readonly notices: readonly string[];
};
