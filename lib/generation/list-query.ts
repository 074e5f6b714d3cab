import { z } from "zod";
import { MODEL_IDS } from "../models/registry";
import { GENERATION_STATUSES } from "./view";

const PAGE_SIZE = 12;

/** The history list's filters as URL search parameters: the browser writes them, the route parses them. */
export const listQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  q: z.string().max(200).optional(),
  model: z.enum(MODEL_IDS).optional(),
  status: z.enum(GENERATION_STATUSES).optional(),
  starred: z.literal("1").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(PAGE_SIZE),
});

export type ListFilters = { readonly q?: string; readonly model?: string; readonly status?: string; readonly starred?: boolean };

export const listSearchParams = (filters: ListFilters, cursor: string | null): URLSearchParams => {
  const params = new URLSearchParams();
  if (filters.q?.trim()) params.set("q", filters.q.trim());
  if (filters.model) params.set("model", filters.model);
  if (filters.status) params.set("status", filters.status);
  if (filters.starred) params.set("starred", "1");
  if (cursor) params.set("cursor", cursor);
  return params;
};
