import { useMemo, useRef, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";

/**
 * Work typed into a form is never lost to a click elsewhere (an example, Reuse settings, a revised prompt, a
 * retry): what the form held is kept while it can be put back. Only work counts: a form with nothing typed,
 * or already holding what comes in, has nothing to give back.
 */
export function useUndoReplace<Values extends FieldValues>({ getValues, reset }: Pick<UseFormReturn<Values>, "getValues" | "reset">, typed: (values: Values) => boolean) {
  const [replaced, setReplaced] = useState<{ values: Values; said: string } | null>(null);
  // Read by the actions, which stay the same functions: a form's load effect calls them without re-running.
  const held = useRef(replaced);
  held.current = replaced;
  const isTyped = useRef(typed);
  isTyped.current = typed;
  const actions = useMemo(
    () => ({
      /**
       * Runs `apply` (which fills the form), keeping what it held before when that was typed work; answers
       * whether it was kept (a form with state beside its values keeps that too, for the undo).
       */
      replace(apply: () => void, said: string): boolean {
        const before = structuredClone(getValues());
        apply();
        // The first replacement's values are the user's own; a second one must not put back the first's.
        if (held.current || !isTyped.current(before) || JSON.stringify(before) === JSON.stringify(getValues())) return false;
        held.current = { values: before, said };
        setReplaced(held.current);
        return true;
      },
      undo() {
        if (held.current) reset(held.current.values, { keepErrors: false, keepSubmitCount: true });
        held.current = null;
        setReplaced(null);
      },
      /** Sent or put back by hand: nothing to undo any more. */
      forget() {
        held.current = null;
        setReplaced(null);
      },
    }),
    [getValues, reset],
  );
  return { replaced, ...actions };
}
