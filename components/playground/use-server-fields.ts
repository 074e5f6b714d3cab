import { useEffect } from "react";
import type { FieldValues, Path, UseFormGetValues, UseFormSetError } from "react-hook-form";
import type { FieldIssue } from "@/lib/errors";

/**
 * A refusal the server tied to fields (its `fields`) shown at those fields, as the form's own check would
 * show it: some things only the server knows (an input image dropped meanwhile). The first issue of each of
 * this form's fields is set; the message above the submit button stays as well.
 */
export const useServerFieldErrors = <Values extends FieldValues>(
  fields: readonly FieldIssue[] | undefined,
  { setError, getValues }: { setError: UseFormSetError<Values>; getValues: UseFormGetValues<Values> },
) => {
  useEffect(() => {
    if (!fields) return;
    const own = new Set(Object.keys(getValues()));
    const said = new Set<string>();
    for (const issue of fields) {
      const name = issue.field.split(".")[0] ?? "";
      if (!own.has(name) || said.has(name)) continue;
      said.add(name);
      setError(name as Path<Values>, { type: "server", message: issue.message });
    }
  }, [fields, setError, getValues]);
};
