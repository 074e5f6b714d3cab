import { z } from "zod";
import { AppError, type FieldIssue } from "../errors";
import { EVERY_MODEL_ID } from "../models/model-name";
import { PAGE_SIZE, SEARCH_MAX } from "./list-query";
import { GENERATION_STATUSES } from "./view";

const LIMIT = { min: 1, max: 100 } as const;

/** The server's reading of the history list's search parameters (the browser only writes them). */
const listQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  // PostgreSQL holds no NUL in text: a search for one could only fail there.
  q: z.string().max(SEARCH_MAX).refine((q) => !q.includes("\u0000")).optional(),
  model: z.enum(EVERY_MODEL_ID).optional(),
  status: z.enum(GENERATION_STATUSES).optional(),
  starred: z.literal("1").optional(),
  limit: z.coerce.number().int().min(LIMIT.min).max(LIMIT.max).default(PAGE_SIZE),
});

type Parameter = keyof z.input<typeof listQuerySchema>;

/** What each parameter takes, as a refusal says it. */
const TAKES: Readonly<Record<Parameter, string>> = {
  cursor: "only the nextCursor of the page before",
  q: `words to find: at most ${SEARCH_MAX} characters, none of them NUL`,
  model: `one of ${EVERY_MODEL_ID.join(", ")}`,
  status: `one of ${GENERATION_STATUSES.join(", ")}`,
  starred: "only 1, for favourites alone (left out, it lists everything)",
  limit: `a whole number from ${LIMIT.min} to ${LIMIT.max}`,
};

const refusal = (issue: z.core.$ZodIssue): FieldIssue => {
  if (issue.code === "unrecognized_keys") {
    const names = issue.keys.map((key) => `“${key}”`).join(", ");
    return { field: issue.keys.join(","), message: `The history takes no parameter named ${names}: only ${Object.keys(TAKES).join(", ")}.` };
  }
  // Any other issue is under one of the shape's keys.
  const parameter = String(issue.path[0]) as Parameter;
  return { field: parameter, message: `The history's “${parameter}” parameter takes ${TAKES[parameter]}.` };
};

/** The list's parameters read, or a refusal that names the first one wrong and what it takes (every one in `fields`). */
export const parseListQuery = (params: URLSearchParams): z.output<typeof listQuerySchema> => {
  // A parameter left blank (`?q=&model=`, as a script fills in a template) is one not given.
  const parsed = listQuerySchema.safeParse(Object.fromEntries([...params].filter(([, value]) => value !== "")));
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map(refusal);
  throw new AppError("invalid_request", fields[0]?.message ?? "", { fields });
};
