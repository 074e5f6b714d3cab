"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type BaseSyntheticEvent, type ComponentProps, type FormEvent, type KeyboardEvent, type RefObject } from "react";
import { useLocale, useMessages } from "@/components/i18n/i18n-provider";
import { useCost } from "@/components/pricing/prices";
import { Button } from "@/components/ui/button";
import { sayRefusal } from "@/components/ui/submit-refusal";
import { plural } from "@/lib/i18n/format";
import { CostConfirm } from "@/components/lazy";
import { CONFIRM_ABOVE } from "./confirm-above";

/** What a run makes, and what that costs by the deployment's prices (an estimate). */
export type RunCost = { readonly images: number; readonly cost: number };

/** What the submit area needs of a form's cost question. */
export type CostGate = {
  readonly submitButton: RefObject<HTMLButtonElement | null>;
  /** What the run waiting for an answer makes and costs; null when no question is open. */
  readonly confirming: RunCost | null;
  readonly answer: (go: boolean) => void;
  /** When the last run went out (performance.now()), for telling a double click's second click from a new submit. */
  readonly sentAt: RefObject<number>;
};

/**
 * Every image is billed, so each form that spends them runs a request at once or, above CONFIRM_ABOVE
 * images, only after one explicit yes. Focus goes back to the submit button once the question is answered,
 * not to the page's start.
 */
export function useCostGate<T>(measure: (request: T) => RunCost, run: (request: T) => void, watch: (onChange: () => void) => { unsubscribe(): void }) {
  const [confirming, setConfirming] = useState<T | null>(null);
  // The question's request as of now, not of the last render: a second click on Yes before the question has
  // gone from the screen finds it answered, and sends nothing.
  const open = useRef<T | null>(null);
  const question = useCallback((request: T | null) => {
    open.current = request;
    setConfirming(request);
  }, []);
  const submitButton = useRef<HTMLButtonElement>(null);
  const sentAt = useRef(Number.NEGATIVE_INFINITY);
  const send = (request: T) => {
    sentAt.current = performance.now();
    run(request);
  };
  // The question is about the request as it was: a change to the form closes it (Generate asks again), so a
  // yes never sends what the form no longer shows; and a submit after a change is a new one, however soon.
  // Watched without re-rendering the form at each keystroke.
  useEffect(
    () =>
      watch(() => {
        question(null);
        sentAt.current = Number.NEGATIVE_INFINITY;
      }).unsubscribe,
    [watch, question],
  );
  const asks = (request: T): boolean => measure(request).images > CONFIRM_ABOVE;
  return {
    submitButton,
    sentAt,
    confirming: confirming === null ? null : measure(confirming),
    answer: (go: boolean) => {
      const request = open.current;
      question(null);
      if (go && request !== null) send(request);
      requestAnimationFrame(() => submitButton.current?.focus());
    },
    /** Runs the request, or asks first when it is big enough; says whether it asked. */
    request: (request: T): boolean => {
      const ask = asks(request);
      if (ask) question(request);
      else send(request);
      return ask;
    },
    /** Whether running it would ask first. */
    asks,
    /** Asks before running, whatever the count. */
    ask: (request: T) => question(request),
  };
}

/** The cost question of a form that asks one model for `n` images: `send` runs once the request may go. */
export function useModelCostGate<T extends { readonly model: string; readonly n: number }>(send: (request: T) => void, watch: (onChange: () => void) => { unsubscribe(): void }) {
  const cost = useCost();
  return useCostGate((request: T) => ({ images: request.n, cost: cost.of(request.model, request.n) }), send, watch);
}

/** Fields where a plain Enter would submit the form by itself (a file chooser's Enter opens its dialog). */
const TYPED = new Set(["text", "search", "number", "email", "url", "tel", "password"]);

/** How soon after a run went out another submit is taken as the same one: longer than a double click's gap. */
export const SAME_SUBMIT_MS = 600;

/**
 * The keys `useSubmitOnce` submits a form with, as `aria-keyshortcuts` says them on its prompt: a screen reader
 * names them wherever a keyboard is, where the help's words about them show only where one is likely.
 */
export const SUBMIT_KEYS = "Control+Enter Meta+Enter";

/**
 * A form's submit, from its button or its keys, once: from the click or the press until the request is out
 * (then `submitting` says so) another does nothing, so a double click, a key held down or pressed twice, never
 * starts and bills the same run twice. The button stays focusable meanwhile (it says why it waits). Ctrl+Enter
 * (⌘+Enter) submits from any field of the form; a plain Enter in a one-line field (a seed, a term, a list's
 * name) does not: it is pressed to finish typing. Without a `gate`, the submit is one until `submit` settles.
 */
export const useSubmitOnce = (submit: (event?: BaseSyntheticEvent) => Promise<unknown>, submitting: boolean, gate?: Pick<CostGate, "sentAt">) => {
  const checking = useRef(false);
  // Said once the render that shows the submit's refusals is on the page: the form's check put them in its state
  // before the submit settled, so they render with this at the latest. A fixed two frames lost that race on a
  // busy machine: no field was refused on the page yet, so none was focused or said (a field the form's own
  // check cannot focus, as the grid's saved lists and axes, was then left unsaid).
  const [settled, setSettled] = useState<{ readonly form: HTMLFormElement } | null>(null);
  useLayoutEffect(() => {
    if (settled) sayRefusal(settled.form);
  }, [settled]);
  const once = (form: HTMLFormElement, event?: BaseSyntheticEvent) => {
    event?.preventDefault();
    // `submitting` comes with a render after the run went out, and a fast server can have answered by then:
    // a click or press this soon after one went out, the form unchanged, is the same submit (a double click's second).
    if (submitting || checking.current || (gate && performance.now() - gate.sentAt.current < SAME_SUBMIT_MS)) return;
    checking.current = true;
    void submit(event).finally(() => {
      checking.current = false;
      setSettled({ form });
    });
  };
  return {
    onSubmit: (event: FormEvent<HTMLFormElement>) => once(event.currentTarget, event),
    onKeyDown: (event: KeyboardEvent<HTMLFormElement>) => {
      if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        if (!event.repeat) once(event.currentTarget);
      } else if (event.target instanceof HTMLInputElement && TYPED.has(event.target.type)) event.preventDefault();
    },
  };
};

/**
 * Where a form spends images: the server's refusal, then the submit button (with what the run would cost,
 * an estimate, under it) or the cost question in its place.
 */
export function SubmitArea({
  gate,
  action,
  label,
  error,
  submitting,
  estimate,
  waitFor = null,
}: {
  gate: CostGate;
  action: ComponentProps<typeof CostConfirm>["action"];
  label: string;
  error: string | null;
  submitting: boolean;
  /** What the form's values would make and cost now; null while they cannot tell (no valid count). */
  estimate: RunCost | null;
  /** Why the form cannot be sent yet, said on the button; the form's own submit refuses meanwhile too. */
  waitFor?: string | null;
}) {
  const messages = useMessages();
  const t = messages.playground;
  const locale = useLocale();
  const { money } = useCost();
  return (
    <>
      {error && (
        <p role="alert" className="rounded-md border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 p-2 text-sm text-red-800 dark:text-red-200">
          {error}
        </p>
      )}
      {gate.confirming === null ? (
        <div className="space-y-1">
          <Button ref={gate.submitButton} type="submit" variant="primary" size="lg" className="w-full" disabled={submitting || waitFor !== null} reason={waitFor ?? (submitting ? messages.common.working : undefined)}>
            {label}
          </Button>
          {/* Its line kept while the count is invalid, so nothing below moves. */}
          <p className="min-h-4 text-center text-xs text-slate-500 dark:text-slate-400" data-testid="run-estimate">
            {estimate && estimate.images > 0 ? plural(locale, t.estimate, estimate.images, { cost: money(estimate.cost) }) : ""}
          </p>
        </div>
      ) : (
        <CostConfirm images={gate.confirming.images} cost={money(gate.confirming.cost)} action={action} onAnswer={gate.answer} />
      )}
    </>
  );
}
