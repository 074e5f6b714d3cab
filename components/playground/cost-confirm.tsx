import { use, useId } from "react";
import { DemoContext } from "./demo-mode";
import { useMessages } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { format } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/messages";

/** Every image is billed: a run bigger than this many images waits for one explicit yes. */
export const CONFIRM_ABOVE = 4;

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
  return (
    <div
      role="alertdialog"
      aria-labelledby={id}
      onKeyDown={(event) => {
        if (event.key === "Escape") onAnswer(false);
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
