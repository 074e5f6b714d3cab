import { useMemo } from "react";
import type { FieldValues, UseFormWatch } from "react-hook-form";
import type { LoadOrigin } from "@/lib/forms/load-origin";
import { useFormNotices } from "@/components/playground/use-form-notices";

/**
 * What a comparison's, grid's or batch's form says once a run's settings are put in it, as the one-model form
 * does: where they came from (a shared link's "Open in playground" otherwise fills it without a word). Said
 * until the next run is sent or the next load comes, or one of `about` is changed (a batch's rows replaced
 * by a file are no longer what was loaded).
 */
export function useLoadedNotice<Values extends FieldValues>(watch: UseFormWatch<Values>, about?: readonly string[]) {
  const [notices, setNotices] = useFormNotices(watch);
  const actions = useMemo(
    () => ({
      loaded: (origin: LoadOrigin) => setNotices([{ text: (messages) => messages.common.setLoaded[origin], ...(about && { about }) }]),
      sent: () => setNotices([]),
    }),
    [setNotices, about],
  );
  return { notices, ...actions };
}
