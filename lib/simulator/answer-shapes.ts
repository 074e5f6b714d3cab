import type { Size } from "../models/size-rules";

/**
 * The shapes a gateway's 200 may take, so the app is tested against each: the documented OpenAI-like
 * `{created, data}`, and Model Studio's own answers passed through for native requests (the synchronous
 * multimodal one, the text-to-image one, and an asynchronous task to follow at `/v1/tasks/{id}`).
 */
export const ANSWER_SHAPES = ["openai", "multimodal", "text2image", "task"] as const;
export type AnswerShape = (typeof ANSWER_SHAPES)[number];

/** How the documented shape carries an image: a link to it, or its bytes inline (base64). */
export const RESPONSE_FORMATS = ["url", "b64_json"] as const;
export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];

/** One image as the routes make it, before it is put in a shape. */
export type ImageItem = { url: string; b64_json: string; revised_prompt: string };

/** What a shape is built from: the images made, the ones refused in their place, and what was asked. */
export type AnswerParts = {
  readonly items: readonly ImageItem[];
  /** Images the upstream refused (content moderation) instead of making them. */
  readonly refused: number;
  readonly prompt: string;
  readonly size: Size;
  readonly requestId: string;
};

const REFUSED = { code: "DataInspectionFailed", message: "Output data may contain inappropriate content." } as const;

/** Model Studio's text-to-image results, also what a finished task reports. */
export const text2imageOutput = (parts: AnswerParts, taskId: string) => ({
  task_id: taskId,
  task_status: "SUCCEEDED",
  results: [
    // `actual_prompt` only where the prompt was rewritten (prompt_extend), as Model Studio reports it.
    ...parts.items.map((item) => ({ url: item.url, orig_prompt: parts.prompt, ...(item.revised_prompt && { actual_prompt: item.revised_prompt }) })),
    ...Array.from({ length: parts.refused }, () => REFUSED),
  ],
  task_metrics: { TOTAL: parts.items.length + parts.refused, SUCCEEDED: parts.items.length, FAILED: parts.refused },
});

export const answerBody = (shape: Exclude<AnswerShape, "task">, parts: AnswerParts, taskId: string): object => {
  const { items, size, requestId } = parts;
  switch (shape) {
    case "openai":
      return { created: Math.floor(Date.now() / 1000), data: items };
    case "multimodal": {
      const revised = items.find((item) => item.revised_prompt !== "")?.revised_prompt;
      const content = [...items.map((item) => ({ image: item.url, type: "image" })), ...(revised ? [{ text: revised, type: "text" }] : [])];
      const stopped = parts.refused > 0 ? [{ finish_reason: "content_filter", message: { role: "assistant", content: [] } }] : [];
      return {
        output: { choices: [{ finish_reason: "stop", message: { role: "assistant", content } }, ...stopped], finished: true },
        usage: { image_count: items.length, width: size.width, height: size.height, size: `${size.width}*${size.height}` },
        request_id: requestId,
      };
    }
    case "text2image":
      return { output: text2imageOutput(parts, taskId), usage: { image_count: items.length }, request_id: requestId };
  }
};

/** A 200 in none of the known shapes, for the app's "not understood" path. */
export const unknownShapeBody = (parts: AnswerParts): object => ({
  output: { status: "done", pictures: parts.items.map((item) => item.url) },
  request_id: parts.requestId,
});
