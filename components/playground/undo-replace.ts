import { useMemo, useRef, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";

/**
 * Work typed into a form is never lost to a click elsewhere (an example, Reuse settings, a revised prompt, a
 * retry): what the form held is kept while it can be put back. Only work counts: a form with nothing typed,
 * or already holding what comes in, has nothing to give back.
 */
export function useUndoReplace<Values extends FieldValues>(
  { getValues, reset }: Pick<UseFormReturn<Values>, "getValues" | "reset">,
  typed: (values: Values) => boolean,
  /** What the note says by default, read when it is needed (a change of language re-runs nothing). */
  said: string,
) {
  const [replaced, setReplaced] = useState<{ values: Values; said: string } | null>(null);
  // Read by the actions, which stay the same functions: a form's load effect calls them without re-running.
  const held = useRef<{ values: Values; said: string; applied: string } | null>(null);
  const isTyped = useRef(typed);
  isTyped.current = typed;
  const saidRef = useRef(said);
  saidRef.current = said;
  const keptFor = useRef<object | null>(null);
  const actions = useMemo(
    () => ({
      /**
       * Runs `apply` (which fills the form), keeping what it held before when that was typed work; answers
       * whether it was kept (a form with state beside its values keeps that too, for the undo).
       */
      replace(apply: () => void, note?: string): boolean {
        const before = structuredClone(getValues());
        const was = JSON.stringify(before);
        apply();
        const now = JSON.stringify(getValues());
        // Held already and untouched since: what is held is still the user's own, not what the last click put in.
        if (held.current && was === held.current.applied) {
          held.current = { ...held.current, applied: now };
          return false;
        }
        if (!isTyped.current(before) || was === now) return false;
        held.current = { values: before, said: note ?? saidRef.current, applied: now };
        setReplaced({ values: before, said: held.current.said });
        return true;
      },
      undo() {
        if (held.current) reset(held.current.values, { keepErrors: false, keepSubmitCount: true });
        held.current = null;
        setReplaced(null);
      },
      /** A request whose sending leaves the way back in place: a retry the form shows, run through the cost question. */
      keepAcross(request: object) {
        keptFor.current = request;
      },
      /** A request sent: the form's own work needs no way back any more, unless the request was a retry kept across. */
      sent(request: object) {
        const retry = request === keptFor.current;
        keptFor.current = null;
        if (retry) return;
        held.current = null;
        setReplaced(null);
      },
    }),
    [getValues, reset],
  );
  return { replaced, ...actions };
}
