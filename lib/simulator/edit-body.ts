import { z } from "zod";
import { describeIssues, nativeSchema, parseJsonObject, userParts, type Parsed, type WireRequest } from "./parse-body";

/** An edit body as the client wrote it: the generation fields plus the one input image, as sent. */
export type EditWireRequest = WireRequest & { readonly style: "native"; readonly image: string };

const editSchema = nativeSchema(z.object({ text: z.string().optional(), image: z.string().optional() }));

const EXAMPLE_CONTENT = '[{"image": "data:image/png;base64,..."}, {"text": "make the sky stormy"}]';

/** The edits endpoint documents only the native shape, so the flat one is refused rather than guessed at. */
export const parseEditBody = (text: string): Parsed<EditWireRequest> => {
  const object = parseJsonObject(text);
  if (!object.ok) return object;
  if (!("input" in object.request)) {
    return {
      ok: false,
      message: `The edits endpoint takes only the native body: {"model", "input": {"messages": [{"role": "user", "content": ${EXAMPLE_CONTENT}}]}, "parameters"}.`,
    };
  }
  const parsed = editSchema.safeParse(object.request);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error) };
  const { model, input, parameters, response_format } = parsed.data;
  const { parts, prompt } = userParts(input.messages);
  const images = parts.flatMap((part) => (part.image === undefined ? [] : [part.image]));
  const [image] = images;
  if (image === undefined || images.length > 1) {
    return {
      ok: false,
      message: `An edit takes exactly one input image in the user message's content, e.g. ${EXAMPLE_CONTENT}; found ${images.length}.`,
    };
  }
  return { ok: true, request: { style: "native", model, prompt, image, ...parameters, response_format } };
};
