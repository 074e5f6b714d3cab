import type * as core from "zod/v4/core";
import { safeParse } from "zod/mini";
import { compareRequestSchema, type CompareRequest } from "../compare/compare-request";
import { editRequestSchema, type EditRequest } from "../edit/edit-request";
import { inputGone } from "../edit/input-gone";
import { AppError } from "../errors";
import { batchRequestSchema, type BatchRequest } from "../batch/batch-request";
import { gridRequestSchema, type GridRequest } from "../grid/grid-request";
import { EDIT_MODELS } from "../models/edit-models";
import { generateRequestSchema, type GenerateRequest } from "../models/request-schema";

/** Said should a failed parse ever come with no issue to quote: a refusal is never left without words. */
export const REQUEST_REFUSED = "The request was refused.";

/**
 * The server's half of a shared schema: anything the form would refuse is refused here with the same words,
 * the first of them in the message and every one in `fields`.
 */
export const parseWith = <Schema extends core.$ZodType>(schema: Schema, body: unknown): core.output<Schema> => {
  const parsed = safeParse(schema, body);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join(".") : "body",
    message: issue.message,
  }));
  const first = fields[0];
  throw new AppError(
    "invalid_request",
    first ? `The request was refused: ${first.field === "body" ? "" : `${first.field}: `}${first.message}` : REQUEST_REFUSED,
    { fields },
  );
};

export const parseGenerateRequest = (body: unknown): GenerateRequest => parseWith(generateRequestSchema, body);

/** A square every editing model takes as an input, standing in for a size none is on record for. */
const ANY_SIZE = (() => {
  const side = Math.max(...EDIT_MODELS.map((model) => model.input.minSide));
  return { width: side, height: side };
})();

/**
 * An edit names its input by id and says its size; the size the server has on record is the one checked
 * against the model, so a request cannot talk its way past an input rule.
 */
export const parseEditRequest = async (
  body: unknown,
  inputSize: (id: string) => Promise<{ width: number; height: number } | null>,
): Promise<EditRequest> => {
  // The size on record takes the place of the one the body says before anything is checked: a client with a
  // stale or missing size is not refused for it.
  const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : null;
  const input = typeof fields?.input === "object" && fields.input !== null ? (fields.input as Record<string, unknown>) : null;
  const id = typeof input?.id === "string" && input.id.length <= 100 ? input.id : null;
  const size = id === null ? null : await inputSize(id);
  if (!size) {
    // Whatever else is wrong is said first (the size it claims aside: none is on record to check); a
    // well-formed request whose input is gone, then.
    parseWith(editRequestSchema, { ...fields, input: { ...input, width: ANY_SIZE.width, height: ANY_SIZE.height } });
    throw inputGone();
  }
  return parseWith(editRequestSchema, { ...fields, input: { ...input, width: size.width, height: size.height } });
};

export const parseCompareRequest = (body: unknown): CompareRequest => parseWith(compareRequestSchema, body);

export const parseGridRequest = (body: unknown): GridRequest => parseWith(gridRequestSchema, body);

export const parseBatchRequest = (body: unknown): BatchRequest => parseWith(batchRequestSchema, body);
