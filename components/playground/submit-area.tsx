"use client";

import { useEffect, useRef, useState, type ComponentProps, type FormEvent, type KeyboardEvent, type RefObject } from "react";
import { useLocale, useMessages } from "@/components/i18n/i18n-provider";
import { useCost } from "@/components/pricing/prices";
import { Button } from "@/components/ui/button";
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
};

/**
 * Every image is billed, so each form that spends them runs a request at once or, above CONFIRM_ABOVE
 * images, only after one explicit yes. Focus goes back to the submit button once the question is answered,
 * not to the page's start.
 */
export function useCostGate<T>(measure: (request: T) => RunCost, run: (request: T) => void, watch: (onChange: () => void) => { unsubscribe(): void }) {
  const [confirming, setConfirming] = useState<T | null>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  // The question is about the request as it was: a change to the form closes it (Generate asks again), so a
  // yes never sends what the form no longer shows. Watched without re-rendering the form at each keystroke.
  useEffect(() => watch(() => setConfirming(null)).unsubscribe, [watch]);
  const asks = (request: T): boolean => measure(request).images > CONFIRM_ABOVE;
  return {
    submitButton,
    confirming: confirming === null ? null : measure(confirming),
    answer: (go: boolean) => {
      if (go && confirming !== null) run(confirming);
      setConfirming(null);
      requestAnimationFrame(() => submitButton.current?.focus());
    },
    /** Runs the request, or asks first when it is big enough; says whether it asked. */
    request: (request: T): boolean => {
      const ask = asks(request);
      if (ask) setConfirming(request);
      else run(request);
      return ask;
    },
    /** Whether running it would ask first. */
    asks,
    /** Asks before running, whatever the count. */
    ask: (request: T) => setConfirming(request),
  };
}

/** The cost question of a form that asks one model for `n` images: `send` runs once the request may go. */
export function useModelCostGate<T extends { readonly model: string; readonly n: number }>(send: (request: T) => void, watch: (onChange: () => void) => { unsubscribe(): void }) {
  const cost = useCost();
  return useCostGate((request: T) => ({ images: request.n, cost: cost.of(request.model, request.n) }), send, watch);
}

/** Fields where a plain Enter would submit the form by itself (a file chooser's Enter opens its dialog). */
const TYPED = new Set(["text", "search", "number", "email", "url", "tel", "password"]);

/**
 * The keys that spend images: Ctrl+Enter (⌘+Enter) submits from any field of the form, once per press and not
 * while a submit is on its way (a key held down, or pressed twice, would start and bill the same run twice):
 * from the press until the request is out (then `submitting` says so) a second press does nothing. A plain
 * Enter in a one-line field (a seed, a term, a list's name) does not submit: it is pressed to finish typing.
 */
/** A form's submit that sends nothing while a run is being sent: its button stays focusable then (it says why it waits), so Enter on it would. */
export const whileIdle = (submit: (event: FormEvent<HTMLFormElement>) => Promise<unknown>, submitting: boolean) => (event: FormEvent<HTMLFormElement>) => {
  if (submitting) event.preventDefault();
  else void submit(event);
};

export const useSubmitKeys = (submit: () => Promise<unknown>, submitting: boolean) => {
  const starting = useRef(false);
  return (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      if (event.repeat || submitting || starting.current) return;
      starting.current = true;
      void submit().finally(() => {
        starting.current = false;
      });
    } else if (event.target instanceof HTMLInputElement && TYPED.has(event.target.type)) event.preventDefault();
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
