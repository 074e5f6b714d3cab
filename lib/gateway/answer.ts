import { z } from "zod";
import { AppError } from "../errors";
import { wellFormed } from "../text/well-formed";

/**
 * The gateway's 200 answers, in every shape it may send, reshaped into the app's own types in this one place.
 * Besides the documented `{created, data: [...]}`, a gateway may pass Model Studio's own answer through for a
 * native request: the multimodal `output.choices[].message.content[]`, the text-to-image
 * `output.results[]`, or an asynchronous task (`output.task_id` with its `task_status`) to follow. Pure, so
 * the unit tests feed it recorded answers without a server.
 */

/** One image of an answer, not yet fetched: the job runner downloads or decodes it and stores the bytes. */
export type UpstreamImage = {
  readonly source: { readonly kind: "url"; readonly url: string } | { readonly kind: "base64"; readonly data: string };
  /** The model's rewritten prompt; "" when the model reported none. */
  readonly revisedPrompt: string;
};

/** The ids a user can quote to the gateway's support: the call's request id, and the task's when there was one. */
export type UpstreamIds = { readonly requestId: string | null; readonly taskId: string | null };

/** An answer that carries the results (some may be missing; shortfall.ts says what). */
export type ImageAnswer = UpstreamIds & {
  readonly kind: "images";
  /** When the gateway says it made the images (unix seconds). */
  readonly created: number;
  readonly images: readonly UpstreamImage[];
  /** Items whose link or data cannot be kept (not http, not base64): the upstream made (and billed) them. Empty ones count as failed. */
  readonly unusable: number;
  /** The codes of items the upstream reported as failed instead of an image ("" where it gave none). */
  readonly failed: readonly string[];
  /** The finish reasons of choices that ended other than "stop". */
  readonly stoppedEarly: readonly string[];
  /** `usage.image_count`: the images the gateway says it billed; null when it does not say. */
  readonly imageCount: number | null;
};

export const PENDING_TASK_STATUSES = ["PENDING", "RUNNING", "SUSPENDED"] as const;
export const ENDED_TASK_STATUSES = ["FAILED", "CANCELED", "UNKNOWN"] as const;

/** A task the upstream is still working on: follow it at the gateway's task route. */
export type TaskAnswer = UpstreamIds & { readonly kind: "task"; readonly taskId: string; readonly status: (typeof PENDING_TASK_STATUSES)[number] };

/** A task that ended without results. */
export type TaskEndedAnswer = UpstreamIds & {
  readonly kind: "task_ended";
  readonly taskId: string;
  readonly status: (typeof ENDED_TASK_STATUSES)[number];
  /** The upstream's error code and message ("" when it gave none); the message is logged, never shown. */
  readonly code: string;
  readonly message: string;
};

/** A 200 whose body is an error envelope, as some proxies send: mapped like any upstream error. */
export type ErrorAnswer = UpstreamIds & { readonly kind: "error"; readonly body: string };

export type GatewayAnswer = ImageAnswer | TaskAnswer | TaskEndedAnswer | ErrorAnswer;

const text = z.string().nullish();
/** Read leniently: a field of another type is treated as missing rather than sinking the whole answer. */
const maybe = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const usageSchema = z
  .object({
    // A count far past what one request makes is no bill to keep (nor fits its 32-bit column on PostgreSQL).
    image_count: maybe(z.int().min(0).max(1000)),
  })
  .optional()
  .catch(undefined);

const openAiAnswer = z.object({
  created: maybe(z.number()),
  data: z.array(z.object({ url: text, b64_json: text, revised_prompt: text })),
  usage: usageSchema,
});

const nativeOutput = z.object({
  task_id: text,
  task_status: text,
  code: text,
  message: text,
  choices: z
    .array(
      z.object({
        finish_reason: text,
        message: z.object({ content: z.array(z.object({ image: text, text })) }),
      }),
    )
    .optional(),
  results: z.array(z.object({ url: text, b64_image: text, orig_prompt: text, actual_prompt: text, code: text })).optional(),
});

const nativeAnswer = z.object({ output: nativeOutput, usage: usageSchema });

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DATA_URI = /^data:image\/[a-z+.-]+;base64,/i;
/** What an id may look like to be shown and kept: printable ASCII of a sane length (it is shown to people). */
const ID = /^[\x21-\x7e]{1,128}$/;

export const cleanId = (value: unknown): string | null => (typeof value === "string" && ID.test(value.trim()) ? value.trim() : null);

/**
 * What a task id to follow may look like: it goes into the task route's path, where "." or ".." would be
 * resolved away and send the query, with the key, to another route of the gateway. Real ids (UUIDs,
 * `task_...`, `ns:id`) fit easily.
 */
const TASK_ID = /^(?!\.+$)[A-Za-z0-9._:-]{1,128}$/;

export const isTaskId = (id: string): boolean => TASK_ID.test(id);

/** Headers a gateway (or the proxy in front of it) names its request id in, most specific first. */
const REQUEST_ID_HEADERS = ["x-dashscope-request-id", "x-request-id", "x-oneapi-request-id", "request-id", "x-acs-request-id"];

export const requestIdFromHeaders = (headers: Headers): string | null => {
  for (const name of REQUEST_ID_HEADERS) {
    const id = cleanId(headers.get(name));
    if (id) return id;
  }
  return null;
};

/** The request id an error or answer body names (DashScope's `request_id`, or inside OpenAI's `error`). */
export const requestIdFromBody = (body: string): string | null => {
  try {
    const json: unknown = JSON.parse(body);
    if (typeof json !== "object" || json === null) return null;
    const record = json as Record<string, unknown>;
    const nested = record.error;
    return cleanId(record.request_id) ?? (typeof nested === "object" && nested !== null ? cleanId((nested as Record<string, unknown>).request_id) : null);
  } catch {
    return null;
  }
};

/** What to quote to the gateway's support: the id the answer named, or when it came, where it named none. */
const quote = (requestId: string | null, taskId: string | null): string =>
  requestId ? "give the gateway's support the request id" : taskId ? "give the gateway's support the task id" : "tell the gateway's support when it happened (the answer named no request id)";

export const notUnderstood = (detail: string, requestId: string | null, taskId: string | null = null): AppError =>
  new AppError(
    "bad_upstream_response",
    `The gateway answered with something that is not an image result (${detail}). Nothing was kept; try again, and if it keeps happening ${quote(requestId, taskId)}.`,
    { ...(requestId && { requestId }), ...(taskId && { taskId }) },
  );

/**
 * Inline image data as standard base64, or null when it is none. Gateways vary in how they write `b64_json`:
 * with line breaks, as a whole `data:` URI, or in the URL-safe alphabet; each is the same bytes.
 */
const inlineData = (value: string): string | null => {
  const bare = DATA_URI.test(value) ? value.slice(value.indexOf(",") + 1) : value;
  const data = bare.replace(/\s+/g, "").replaceAll("-", "+").replaceAll("_", "/");
  return data !== "" && BASE64.test(data) ? data : null;
};

/** An image item's link or inline data, or null when it has neither in a usable form. */
const toSource = (url: string | null | undefined, base64: string | null | undefined): UpstreamImage["source"] | null => {
  const data = inlineData(base64?.trim() ?? "");
  if (data) return { kind: "base64", data };
  const link = url?.trim() ?? "";
  if (DATA_URI.test(link)) {
    const inline = inlineData(link);
    return inline ? { kind: "base64", data: inline } : null;
  }
  if (link === "" || !URL.canParse(link)) return null;
  const parsed = new URL(link);
  return parsed.protocol === "https:" || parsed.protocol === "http:" ? { kind: "url", url: parsed.href } : null;
};

type Items = { images: UpstreamImage[]; unusable: number; failed: string[]; stoppedEarly: string[] };

const emptyItems = (): Items => ({ images: [], unusable: 0, failed: [], stoppedEarly: [] });

/**
 * An item: an image to keep, one that came in a form that cannot be kept (made and billed all the same), or
 * an empty slot (neither a link nor data: nothing was made, a failure without a code, not billed).
 */
const add = (items: Items, source: UpstreamImage["source"] | null, revisedPrompt: string | null | undefined, carried: boolean) => {
  // Kept as stored text and written into downloads: a broken character from upstream must not break those.
  if (source) items.images.push({ source, revisedPrompt: wellFormed(revisedPrompt?.trim() ?? "") });
  else if (carried) items.unusable += 1;
  else items.failed.push("");
};

const filled = (...values: ReadonlyArray<string | null | undefined>): boolean => values.some((value) => Boolean(value?.trim()));

const fromOpenAi = (answer: z.infer<typeof openAiAnswer>): Items => {
  const items = emptyItems();
  for (const item of answer.data) add(items, toSource(item.url, item.b64_json), item.revised_prompt, filled(item.url, item.b64_json));
  return items;
};

/** Each choice's text items are its rewritten prompt, shown beside each of its images. */
const fromChoices = (choices: NonNullable<z.infer<typeof nativeOutput>["choices"]>): Items => {
  const items = emptyItems();
  for (const choice of choices) {
    const revised = choice.message.content.flatMap((part) => (part.text?.trim() ? [part.text.trim()] : [])).join("\n");
    for (const part of choice.message.content) {
      if (part.image !== undefined && part.image !== null) add(items, toSource(part.image, null), revised, filled(part.image));
    }
    const reason = choice.finish_reason?.trim() ?? "";
    if (reason !== "" && reason !== "stop" && reason !== "null") items.stoppedEarly.push(reason);
  }
  return items;
};

/** A result is an image (with the prompt the model actually used) or a failure with its code. */
const fromResults = (results: NonNullable<z.infer<typeof nativeOutput>["results"]>): Items => {
  const items = emptyItems();
  for (const result of results) {
    const source = toSource(result.url, result.b64_image);
    if (!source && result.code) items.failed.push(result.code);
    // The prompt handed back unchanged is no rewriting: said as "none returned", not as a revised prompt.
    else add(items, source, result.actual_prompt !== undefined && result.actual_prompt === result.orig_prompt ? "" : result.actual_prompt, filled(result.url, result.b64_image));
  }
  return items;
};

const oneOf = <T extends string>(values: readonly T[], value: string): T | undefined => values.find((candidate) => candidate === value);

const readNative = (json: object, text: string, ids: UpstreamIds): GatewayAnswer => {
  const parsed = nativeAnswer.safeParse(json);
  if (!parsed.success) throw notUnderstood("an unknown shape", ids.requestId);
  const { output, usage } = parsed.data;
  const taskId = cleanId(output.task_id);
  const status = output.task_status?.trim().toUpperCase() ?? "";
  const withIds = { requestId: ids.requestId, taskId: taskId ?? ids.taskId };
  const items = output.choices ? fromChoices(output.choices) : output.results ? fromResults(output.results) : null;
  if (items) {
    return { kind: "images", created: Math.floor(Date.now() / 1000), ...items, imageCount: usage?.image_count ?? null, ...withIds };
  }
  const pending = oneOf(PENDING_TASK_STATUSES, status);
  const ended = oneOf(ENDED_TASK_STATUSES, status);
  // An answer to the task being followed may leave its id out: it is the one asked about.
  const task = withIds.taskId;
  if ((pending || ended) && !task) throw notUnderstood("a task without an id", ids.requestId);
  if (pending && task && !isTaskId(task)) throw notUnderstood("a malformed task id", ids.requestId);
  if (pending && task) return { kind: "task", status: pending, ...withIds, taskId: task };
  if (ended && task) return { kind: "task_ended", status: ended, code: output.code?.trim() ?? "", message: output.message?.trim() ?? "", ...withIds, taskId: task };
  if (output.code) return { kind: "error", body: text, ...withIds };
  throw notUnderstood(status === "SUCCEEDED" ? "a finished task without results" : "an unknown shape", ids.requestId);
};

/**
 * Reads a 200's body. `headers` (the answer's) may name the request id when the body does not; `taskId` is
 * the task being followed, for answers to a task query that leave it out. Throws the app's error for
 * anything that is not one of the known shapes, with the request id so the user can quote it.
 */
export const parseGatewayAnswer = (text: string, headers: Headers = new Headers(), taskId: string | null = null): GatewayAnswer => {
  const headerId = requestIdFromHeaders(headers);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw notUnderstood("not JSON", headerId);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw notUnderstood("not a JSON object", headerId);
  const record = json as Record<string, unknown>;
  const ids: UpstreamIds = { requestId: cleanId(record.request_id) ?? headerId, taskId };
  if ("data" in record) {
    const parsed = openAiAnswer.safeParse(json);
    if (!parsed.success) throw notUnderstood("an unknown shape", ids.requestId);
    const { created, usage } = parsed.data;
    return {
      kind: "images",
      created: created ?? Math.floor(Date.now() / 1000),
      ...fromOpenAi(parsed.data),
      imageCount: usage?.image_count ?? null,
      ...ids,
    };
  }
  if ("output" in record) return readNative(json, text, ids);
  if (typeof record.code === "string" || (typeof record.error === "object" && record.error !== null)) {
    return { kind: "error", body: text, requestId: ids.requestId ?? requestIdFromBody(text), taskId };
  }
  throw notUnderstood("an unknown shape", ids.requestId);
};
