import { use, useEffect, useId, useState } from "react";
import { DemoContext } from "./demo-mode";
import { useMessages } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { format } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/messages";

/** How soon after the question a key may answer it: longer than a double press, shorter than reading it. */
const ANSWER_AFTER_MS = 400;

/** The question before a costly run, in place of the submit button; Escape answers no. */
export function CostConfirm({
  images,
  cost,
  action,
  onAnswer,
}: {
  images: number;
  /** What they cost, written as money (an estimate). */
  cost: string;
  /** Which verb the question uses, in the interface's language. */
  action: keyof Messages["playground"]["costConfirm"]["actions"];
  onAnswer: (go: boolean) => void;
}) {
  // Both forms stay mounted: each question needs its own id.
  const id = useId();
  const t = useMessages().playground.costConfirm;
  const values = { count: images, cost, action: t.actions[action] };
  const demo = use(DemoContext);
  // The question opens with the focus on its Yes: an Enter held down, or pressed twice in a row, on the button
  // that asked must not answer it. A key's repeat, or a press this soon after the question came, does nothing.
  const [openedAt] = useState(() => performance.now());
  // The question opens in the place of the button that asked (and its Yes, focused, may scroll the form): a
  // double click's second press lands on the question, or beside it, and would select words there. Until a new
  // click begins, a press that goes on one begun before the question opened selects nothing; the reader's own
  // double click on the question still selects a word to copy.
  useEffect(() => {
    const press = (event: MouseEvent) => {
      if (event.detail > 1) event.preventDefault();
      else document.removeEventListener("mousedown", press, true);
    };
    document.addEventListener("mousedown", press, true);
    return () => document.removeEventListener("mousedown", press, true);
  }, []);
  return (
    <div
      role="alertdialog"
      aria-labelledby={id}
      onKeyDown={(event) => {
        if (event.key === "Escape") onAnswer(false);
        else if ((event.key === "Enter" || event.key === " ") && (event.repeat || performance.now() - openedAt < ANSWER_AFTER_MS)) event.preventDefault();
      }}
      className="space-y-2 rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 p-3"
    >
      <p id={id} className="text-sm text-amber-900 dark:text-amber-200">
        {format(demo ? t.questionDemo : t.question, values)}
      </p>
      <div className="flex gap-2">
        <Button variant="primary" autoFocus onClick={() => onAnswer(true)}>
          {format(t.confirm, values)}
        </Button>
        <Button onClick={() => onAnswer(false)}>{t.decline}</Button>
      </div>
    </div>
  );
}
