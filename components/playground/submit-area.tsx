"use client";

import { useRef, useState, type ComponentProps, type KeyboardEvent, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { CONFIRM_ABOVE, CostConfirm } from "./cost-confirm";

/** What the submit area needs of a form's cost question. */
export type CostGate = {
  readonly submitButton: RefObject<HTMLButtonElement | null>;
  /** How many images the run waiting for an answer makes; null when no question is open. */
  readonly confirmingImages: number | null;
  readonly answer: (go: boolean) => void;
};

/**
 * Every image is billed, so each form that spends them runs a request at once or, above CONFIRM_ABOVE
 * images, only after one explicit yes. Focus goes back to the submit button once the question is answered,
 * not to the page's start.
 */
export function useCostGate<T>(imagesOf: (request: T) => number, run: (request: T) => void) {
  const [confirming, setConfirming] = useState<T | null>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  return {
    submitButton,
    confirmingImages: confirming === null ? null : imagesOf(confirming),
    answer: (go: boolean) => {
      if (go && confirming !== null) run(confirming);
      setConfirming(null);
      requestAnimationFrame(() => submitButton.current?.focus());
    },
    /** Runs the request, or asks first when it is big enough; says whether it asked. */
    request: (request: T): boolean => {
      const ask = imagesOf(request) > CONFIRM_ABOVE;
      if (ask) setConfirming(request);
      else run(request);
      return ask;
    },
    /** Asks before running, whatever the count. */
    ask: (request: T) => setConfirming(request),
  };
}

/** Ctrl+Enter (⌘+Enter) submits from any field of the form. */
export const submitOnModEnter = (submit: () => Promise<unknown>) => (event: KeyboardEvent<HTMLFormElement>) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    void submit();
  }
};

/** The end of a form that spends images: the server's refusal, then the submit button or the cost question in its place. */
export function SubmitArea({
  gate,
  action,
  label,
  error,
  submitting,
  waitFor = null,
}: {
  gate: CostGate;
  action: ComponentProps<typeof CostConfirm>["action"];
  label: string;
  error: string | null;
  submitting: boolean;
  /** Why the form cannot be sent yet, said on the button; the form's own submit refuses meanwhile too. */
  waitFor?: string | null;
}) {
  return (
    <>
      {error && (
        <p role="alert" className="rounded-md border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 p-2 text-sm text-red-800 dark:text-red-200">
          {error}
        </p>
      )}
      {gate.confirmingImages === null ? (
        <Button ref={gate.submitButton} type="submit" variant="primary" className="w-full py-2.5" disabled={submitting || waitFor !== null} reason={waitFor ?? undefined}>
          {label}
        </Button>
      ) : (
        <CostConfirm images={gate.confirmingImages} action={action} onAnswer={gate.answer} />
      )}
    </>
  );
}
