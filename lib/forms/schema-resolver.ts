import type { FieldError, FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type * as core from "zod/v4/core";

type Schema<Values extends FieldValues> = core.$ZodType<Values, Values>;
/** A list's problems item by item, as react-hook-form keeps a field array's. */
type ItemErrors = FieldError[] & { root?: FieldError };

/**
 * react-hook-form's resolver for one of the shared zod/mini schemas: the form refuses exactly what the route
 * refuses, in the same words. Each field shows its first problem; a problem with an item of a list (one of
 * the compared models, say) is shown on the list, except in the lists named in `byItem` (a grid's axes, each
 * edited on its own): there each item shows its own first problem, and the list's own problems are its `root`. Written here rather than taken from @hookform/resolvers,
 * whose support for every zod version is most of its weight in the first load.
 *
 * zod and the schema are fetched the first time they are needed (or when `preload` is called, as a form does
 * on its first focus), so the first screen does not carry them: a form validates on submit, not on sight.
 */
export const schemaResolver = <Values extends FieldValues>(load: () => Schema<Values> | Promise<Schema<Values>>, { byItem = [] }: { byItem?: readonly string[] } = {}) => {
  let loading: Promise<[typeof import("zod/mini"), Schema<Values>]> | null = null;
  const ready = () => {
    loading ??= Promise.all([import("zod/mini"), load()]).catch((error: unknown) => {
      // A failed fetch (a network hiccup) is tried again at the next validation.
      loading = null;
      throw error;
    });
    return loading;
  };
  const resolver: Resolver<Values> = async (values) => {
    const [{ safeParse }, schema] = await ready();
    const parsed = safeParse(schema, values);
    if (parsed.success) return { values: parsed.data, errors: {} };
    const errors: Record<string, FieldError | ItemErrors> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path.length > 0 ? String(issue.path[0]) : "root";
      const error = { type: issue.code, message: issue.message };
      if (!byItem.includes(field)) {
        errors[field] ??= error;
        continue;
      }
      const items = (errors[field] ??= []) as ItemErrors;
      const index = issue.path[1];
      if (typeof index === "number") items[index] ??= error;
      else items.root ??= error;
    }
    return { values: {}, errors: errors as FieldErrors<Values> };
  };
  return { resolver, preload: () => void ready().catch(() => undefined) };
};
