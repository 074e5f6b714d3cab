"use client";

import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import type { Messages } from "@/lib/i18n/messages/en";

/**
 * A notice: a shared rule's English sentence, or the form's own words, chosen at render so that a language
 * switch rewords it (a sentence kept already worded would stay in the old language).
 */
export type Notice = string | ((messages: Messages) => string);

/** A notice and the fields it speaks of; one without them speaks of the whole form (a load). */
export type FormNotice = { readonly text: Notice; readonly about?: readonly string[] };

/**
 * What the shared rules changed or want said (a model switch, a loaded run), in the interface's language. The
 * live region is there while empty too: one put in with its words already in it is not read out by many
 * screen readers. Empty, it takes no room in the form.
 */
export function RuleNotices({ notices }: { notices: readonly FormNotice[] }) {
  const ruleText = useRuleText();
  const messages = useMessages();
  return (
    <div role="status" className="empty:mb-0">
      {notices.length > 0 && (
        <div className="rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 p-3 text-xs text-amber-900 dark:text-amber-200">
          <ul className="ml-4 list-disc">
            {notices.map(({ text }, index) => (
              <li key={index}>{typeof text === "string" ? ruleText(text) : text(messages)}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
