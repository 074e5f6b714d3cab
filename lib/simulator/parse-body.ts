import { z } from "zod";

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
};

type BodyParse = { readonly ok: true; readonly request: WireRequest } | { readonly ok: false; readonly message: string };

const parameterFields = {
  negative_prompt: z.string().optional(),
  prompt_extend: z.boolean().optional(),
  watermark: z.boolean().optional(),
  size: z.string().optional(),
  n: z.number().optional(),
  seed: z.number().optional(),
};

const nativeSchema = z.object({
  model: z.string(),
  input: z.object({
    messages: z
      .array(z.object({ role: z.string(), content: z.array(z.object({ text: z.string().optional() })) }))
      .min(1),
  }),
  parameters: z.object(parameterFields).optional(),
});

const flatSchema = z.object({ model: z.string(), prompt: z.string(), ...parameterFields });

const describeIssues = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");

export const parseBody = (text: string): BodyParse => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: "The request body is not valid JSON." };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { ok: false, message: "The request body must be a JSON object." };
  }
  // An "input" key is what marks the documented shape; everything else is read as the flat, OpenAI-like one.
  const request = "input" in json ? readNative(json) : readFlat(json);
  if (!request.ok) return request;
  if (request.request.prompt.trim() === "") return { ok: false, message: "The prompt is missing or empty." };
  return request;
};

const readNative = (json: object): BodyParse => {
  const parsed = nativeSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error) };
  const { model, input, parameters } = parsed.data;
  const user = input.messages.find((message) => message.role === "user");
  const prompt = (user?.content ?? []).flatMap((part) => (part.text === undefined ? [] : [part.text])).join("\n");
  return { ok: true, request: { style: "native", model, prompt, ...parameters } };
};

const readFlat = (json: object): BodyParse => {
  const parsed = flatSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error) };
  return { ok: true, request: { style: "flat", ...parsed.data } };
};
