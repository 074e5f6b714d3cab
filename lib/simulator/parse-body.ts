import { z } from "zod";
import { RESPONSE_FORMATS, type ResponseFormat } from "./answer-shapes";

/**
 * A generation body as the client wrote it, in either of the two shapes the gateway accepts. Nothing is
 * defaulted here: the stats report what came over the wire, and validation against the model comes later.
 */
export type WireRequest = {
  readonly style: "native" | "flat";
  readonly model: string;
  readonly prompt: string;
  readonly size?: string | undefined;
  readonly n?: number | undefined;
  readonly seed?: number | undefined;
  readonly prompt_extend?: boolean | undefined;
  readonly watermark?: boolean | undefined;
  readonly negative_prompt?: string | undefined;
  readonly response_format?: ResponseFormat | undefined;
};

export type Parsed<T> = { readonly ok: true; readonly request: T } | { readonly ok: false; readonly message: string };

const parameterFields = {
  negative_prompt: z.string().optional(),
  prompt_extend: z.boolean().optional(),
  watermark: z.boolean().optional(),
  size: z.string().optional(),
  n: z.number().optional(),
  seed: z.number().optional(),
};

/**
 * OpenAI's field, read by the gateway beside the model (its page's `b64_json`: "Base64 image data (when
 * requested)"); any other value is refused, as OpenAI refuses it.
 */
const responseFormat = z.enum(RESPONSE_FORMATS, { error: 'response_format must be "url" or "b64_json".' }).optional();

/** The documented body shape; each route says which parts a message's content may carry. */
export const nativeSchema = <Part extends z.ZodType<{ readonly text?: string | undefined }>>(part: Part) =>
  z.object({
    model: z.string(),
    // The gateway's page marks a message's role optional.
    input: z.object({ messages: z.array(z.object({ role: z.string().optional(), content: z.array(part) })).min(1) }),
    parameters: z.object(parameterFields).optional(),
    response_format: responseFormat,
  });

const generationSchema = nativeSchema(z.object({ text: z.string().optional() }));

const flatSchema = z.object({ model: z.string(), prompt: z.string(), ...parameterFields, response_format: responseFormat });

export const describeIssues = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");

/** Every route's body is one JSON object; anything else is refused before its own schema is tried. */
export const parseJsonObject = (text: string): Parsed<object> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: "The request body is not valid JSON." };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { ok: false, message: "The request body must be a JSON object." };
  }
  return { ok: true, request: json };
};

/**
 * The parts of the user's message, and the prompt they spell: what the upstream reads of a native body. A
 * message without a role is the user's, as the role is optional.
 */
export const userParts = <Part extends { readonly text?: string | undefined }>(
  messages: ReadonlyArray<{ readonly role?: string | undefined; readonly content: readonly Part[] }>,
): { readonly parts: readonly Part[]; readonly prompt: string } => {
  const parts = messages.find((message) => (message.role ?? "user") === "user")?.content ?? [];
  return { parts, prompt: parts.flatMap((part) => (part.text === undefined ? [] : [part.text])).join("\n") };
};

export const parseBody = (text: string): Parsed<WireRequest> => {
  const object = parseJsonObject(text);
  if (!object.ok) return object;
  const json = object.request;
  // An "input" key is what marks the documented shape; everything else is read as the flat, OpenAI-like one.
  return "input" in json ? readNative(json) : readFlat(json);
};

const readNative = (json: object): Parsed<WireRequest> => {
  const parsed = generationSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error) };
  const { model, input, parameters, response_format } = parsed.data;
  return { ok: true, request: { style: "native", model, prompt: userParts(input.messages).prompt, ...parameters, response_format } };
};

const readFlat = (json: object): Parsed<WireRequest> => {
  const parsed = flatSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error) };
  return { ok: true, request: { style: "flat", ...parsed.data } };
};
