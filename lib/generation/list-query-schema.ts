import { z } from "zod";
import { EVERY_MODEL_ID } from "../models/model-name";
import { PAGE_SIZE, SEARCH_MAX } from "./list-query";
import { GENERATION_STATUSES } from "./view";

/** The server's reading of the history list's search parameters (the browser only writes them). */
export const listQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  q: z.string().max(SEARCH_MAX).optional(),
  model: z.enum(EVERY_MODEL_ID).optional(),
  status: z.enum(GENERATION_STATUSES).optional(),
  starred: z.literal("1").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(PAGE_SIZE),
});
