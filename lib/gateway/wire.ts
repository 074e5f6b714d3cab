import { z } from "zod";
import { AppError } from "../errors";
import type { GeneratedImage, SentRequest } from "../generation/result";
import { formatSize } from "../models/size-rules";

/**
 * The gateway's wire format, and only that: request bodies in both styles, the success shape, and its
 * reshaping into the app's own result type. Pure, so the unit tests import it without a server.
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

const wireImage = z.object({
  url: z.string().nullish(),
  b64_json: z.string().nullish(),
  revised_prompt: z.string().nullish(),
});

const wireResponse = z.object({
  created: z.number().optional(),
  data: z.array(wireImage),
});

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The image type from its first bytes, since b64_json carries no MIME type. */
const sniffImageType = (b64: string): string => {
  if (b64.startsWith("/9j/")) return "image/jpeg";
  if (b64.startsWith("UklGR")) return "image/webp";
  return "image/png";
};

const toImage = (item: z.infer<typeof wireImage>): GeneratedImage | null => {
  const revisedPrompt = item.revised_prompt?.trim() ?? "";
  const b64 = item.b64_json?.replace(/\s+/g, "") ?? "";
  if (b64 !== "" && BASE64.test(b64)) {
    return { src: `data:${sniffImageType(b64)};base64,${b64}`, revisedPrompt };
  }
  const url = item.url?.trim() ?? "";
  if (url !== "") {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === "https:" || parsed.protocol === "http:") return { src: parsed.href, revisedPrompt };
    } catch {
      return null;
    }
  }
  return null;
};

const badResponse = (detail: string) =>
  new AppError(
    "bad_upstream_response",
    `The gateway answered with something that is not an image result (${detail}). Try again; if it keeps happening the gateway may be having trouble.`,
  );

export const parseGenerationResponse = (text: string): { created: number; images: GeneratedImage[] } => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badResponse("not JSON");
  }
  const parsed = wireResponse.safeParse(json);
  if (!parsed.success) throw badResponse("unexpected shape");
  const images = parsed.data.data.map(toImage).filter((image): image is GeneratedImage => image !== null);
  if (images.length === 0) throw badResponse("no usable image");
  return { created: parsed.data.created ?? Math.floor(Date.now() / 1000), images };
};
