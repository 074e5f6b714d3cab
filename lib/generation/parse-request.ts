import { AppError } from "../errors";
import { generateRequestSchema, type GenerateRequest } from "../models/request-schema";

/** The server's half of the shared schema: anything the form would refuse is refused here with the same words. */
export const parseGenerateRequest = (body: unknown): GenerateRequest => {
  const parsed = generateRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join(".") : "body",
    message: issue.message,
  }));
  const first = fields[0];
  throw new AppError(
    "invalid_request",
    first ? `The request was refused: ${first.field === "body" ? "" : `${first.field}: `}${first.message}` : "The request was refused.",
    { fields },
  );
};
