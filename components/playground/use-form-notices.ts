import { useEffect, useState } from "react";
import type { FieldValues, UseFormWatch } from "react-hook-form";
import type { FormNotice } from "./rule-notices";

/**
 * The notices over a form speak of the form as it was when they were said: one about a field goes once that
 * field is changed (typed, or put in by a click); the form clears the rest when a run is sent or a load comes.
 */
export function useFormNotices<Values extends FieldValues>(watch: UseFormWatch<Values>) {
  const [notices, setNotices] = useState<readonly FormNotice[]>([]);
  useEffect(() => {
    // A reset (a switch, a load) names no field: the notices it brings are said after it, and stay.
    const subscription = watch((_, { name }) => {
      if (!name) return;
      setNotices((shown) => {
        const kept = shown.filter(({ about }) => !about?.includes(name));
        return kept.length === shown.length ? shown : kept;
      });
    });
    return () => subscription.unsubscribe();
  }, [watch]);
  return [notices, setNotices] as const;
}
