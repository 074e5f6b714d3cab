import { z } from "zod";
import { AppError } from "../errors";

/**
 * The gateway's answers: the success shape and its reshaping into the app's own result type (request bodies
 * are in request-body.ts, which the browser also uses for "copy as code"). Pure, so the unit tests import
 * it without a server.
 */

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

/** One image of an answer, not yet fetched: the job runner downloads or decodes it and stores the bytes. */
export type UpstreamImage = {
  readonly source: { readonly kind: "url"; readonly url: string } | { readonly kind: "base64"; readonly data: string };
  /** The model's rewritten prompt; "" when the model reported none. */
  readonly revisedPrompt: string;
};

const toImage = (item: z.infer<typeof wireImage>): UpstreamImage | null => {
  const revisedPrompt = item.revised_prompt?.trim() ?? "";
  const b64 = item.b64_json?.replace(/\s+/g, "") ?? "";
  if (b64 !== "" && BASE64.test(b64)) return { source: { kind: "base64", data: b64 }, revisedPrompt };
  const url = item.url?.trim() ?? "";
  if (url !== "" && URL.canParse(url)) {
    const parsed = new URL(url);
    if (parsed.protocol === "https:" || parsed.protocol === "http:") return { source: { kind: "url", url: parsed.href }, revisedPrompt };
  }
  return null;
};

const badResponse = (detail: string) =>
  new AppError(
    "bad_upstream_response",
    `The gateway answered with something that is not an image result (${detail}). Try again; if it keeps happening the gateway may be having trouble.`,
  );

export const parseGenerationResponse = (text: string): { created: number; images: UpstreamImage[] } => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badResponse("not JSON");
  }
  const parsed = wireResponse.safeParse(json);
  if (!parsed.success) throw badResponse("unexpected shape");
  const images = parsed.data.data.map(toImage).filter((image): image is UpstreamImage => image !== null);
  if (images.length === 0) throw badResponse("no usable image");
  return { created: parsed.data.created ?? Math.floor(Date.now() / 1000), images };
};
