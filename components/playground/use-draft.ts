import { useEffect, useRef } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { decodeDraft, encodeDraft } from "@/lib/forms/draft";
import { MODES, type Mode } from "./mode-tabs";

export type DraftName = "generate" | "compare" | "grid" | "batch" | "edit";

/**
 * The tab's own storage: a draft outlives a reload and the trip through sign-in, and goes with the tab (two
 * tabs keep two drafts; nothing typed stays behind on a shared computer once the tab is closed). Null where
 * the browser refuses it (storage turned off): a draft is a convenience, never a reason to fail.
 */
const tabStorage = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};
const PREFIX = "playground.";
const write = (key: string, text: string | null) => {
  try {
    if (text === null) tabStorage()?.removeItem(key);
    else tabStorage()?.setItem(key, text);
  } catch {
    // Full: the draft before this change stays, which is the most that can be kept.
  }
};

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
  const key = `${PREFIX}draft.${name}`;
  const latest = useRef(options);
  latest.current = options;
  const save = useRef(() => {
    const { stamp, defaults, side } = latest.current;
    const values = getValues();
    const held = side?.value ?? null;
    write(key, held === null && JSON.stringify(values) === JSON.stringify(defaults) ? null : encodeDraft(stamp, values, held));
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

const MODE_KEY = `${PREFIX}mode`;

/** The mode the tab was last in (null for none kept, or one this page no longer has). */
export const rememberedMode = (): Mode | null => {
  const kept = tabStorage()?.getItem(MODE_KEY);
  return MODES.find((mode) => mode === kept) ?? null;
};

export const rememberMode = (mode: Mode): void => write(MODE_KEY, mode === "single" ? null : mode);

/** Signing out on purpose leaves nothing typed in the tab for whoever signs in next (tabs sent away keep theirs). */
export const forgetDrafts = (): void => {
  const storage = tabStorage();
  if (!storage) return;
  const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index)).filter((key) => key?.startsWith(PREFIX));
  for (const key of keys) if (key) write(key, null);
};
