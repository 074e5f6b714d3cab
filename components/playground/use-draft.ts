import { useEffect, useRef } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { decodeDraft, encodeDraft } from "@/lib/forms/draft";
import { TAB_PREFIX, tabStorage, writeTab } from "@/lib/forms/tab-storage";
import { MODES, type Mode } from "./mode-tabs";

export type DraftName = "generate" | "compare" | "grid" | "batch" | "edit";

/**
 * Keeps what a form holds in its tab and puts it back when the form next mounts there (after a reload, or a
 * sign-in), before any load the page brings (which then offers "Put mine back" as for any typed work).
 */
export function useDraft<Values extends FieldValues>(
  name: DraftName,
  { getValues, reset, watch }: Pick<UseFormReturn<Values>, "getValues" | "reset" | "watch">,
  options: {
    /** draftStamp of the form's defaults and models, made once. */
    stamp: string;
    defaults: Values;
    /**
     * What of a draft read back goes into the form, or null for none of it: a draft naming what no longer
     * exists (a model, a kind of axis) or what the form cannot show is dropped whole.
     */
    accept(values: Values, side: unknown): Values | null;
    /** What the form holds beside its values (the edit form's input picture), kept and put back with them. */
    side?: { value: unknown; restore(value: unknown, values: Values): void };
  },
): void {
  const key = `${TAB_PREFIX}draft.${name}`;
  const latest = useRef(options);
  latest.current = options;
  const save = useRef(() => {
    const { stamp, defaults, side } = latest.current;
    const values = getValues();
    const held = side?.value ?? null;
    writeTab(key, held === null && JSON.stringify(values) === JSON.stringify(defaults) ? null : encodeDraft(stamp, values, held));
  });

  useEffect(() => {
    const { stamp, defaults, accept, side } = latest.current;
    const draft = decodeDraft(tabStorage()?.getItem(key) ?? null, stamp, defaults);
    const values = draft && accept(draft.values, draft.side);
    if (draft && values) {
      side?.restore(draft.side, values);
      reset(values, { keepDefaultValues: true });
    }
    const subscription = watch(() => save.current());
    return () => subscription.unsubscribe();
  }, [key, reset, watch]);

  const sideValue = options.side?.value;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else save.current();
  }, [sideValue]);
}

const MODE_KEY = `${TAB_PREFIX}mode`;

/** The mode the tab was last in (null for none kept, or one this page no longer has). */
export const rememberedMode = (): Mode | null => {
  const kept = tabStorage()?.getItem(MODE_KEY);
  return MODES.find((mode) => mode === kept) ?? null;
};

export const rememberMode = (mode: Mode): void => writeTab(MODE_KEY, mode === "single" ? null : mode);
