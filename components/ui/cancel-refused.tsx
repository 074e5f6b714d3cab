"use client";

import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import type { ApiError } from "@/lib/api/client";
import { format } from "@/lib/i18n/format";

/**
 * A Cancel the server refused, said beside the button in the interface's language: else it only seems to do
 * nothing. Said while what it tried to stop still runs (`active`): after, the card says how it ended.
 */
export function CancelRefused({ error, active, className = "text-sm" }: { error: ApiError | null; active: boolean; className?: string }) {
  const t = useMessages().common;
  const ruleText = useRuleText();
  if (!error || !active) return null;
  return (
    <p role="alert" className={`${className} text-red-700 dark:text-red-300`}>
      {format(t.cancelRefused, { error: ruleText(error.message) })}
    </p>
  );
}
