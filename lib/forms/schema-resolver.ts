import type { FieldError, FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type * as core from "zod/v4/core";
import { safeParse } from "zod/mini";

/**
 * react-hook-form's resolver for one of the shared zod/mini schemas: the form refuses exactly what the route
 * refuses, in the same words. Each field shows its first problem; a problem with an item of a list (one of
 * the compared models, say) is shown on the list. Written here rather than taken from @hookform/resolvers,
 * whose support for every zod version is most of its weight in the first load.
 */
export const schemaResolver =
  <Values extends FieldValues>(schema: core.$ZodType<Values, Values>): Resolver<Values> =>
  async (values) => {
    const parsed = safeParse(schema, values);
    if (parsed.success) return { values: parsed.data, errors: {} };
    const errors: Record<string, FieldError> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path.length > 0 ? String(issue.path[0]) : "root";
      errors[field] ??= { type: issue.code, message: issue.message };
    }
    return { values: {}, errors: errors as FieldErrors<Values> };
  };
