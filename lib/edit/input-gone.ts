import { AppError } from "../errors";
import { INPUT_GONE } from "./edit-request";

/** An edit refused because its input has gone from the server: said at the input field, as any refusal of it. */
export const inputGone = (): AppError =>
  new AppError("invalid_request", `The request was refused: input: ${INPUT_GONE}`, { fields: [{ field: "input", message: INPUT_GONE }] });
